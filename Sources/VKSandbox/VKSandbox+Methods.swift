import Foundation
import VKAPI

/// The API: one call taken in, checked in VK's order (method, version, key, rate, key kind, injected
/// faults, captcha), performed, logged.
extension VKSandbox {
    /// The methods served, with the key kinds VK lets call them (FACTS §2, the schema's `access_token_type`).
    static let methods: [String: Set<VKTokenKind>] = [
        "wall.getById": [.user, .service],
        "wall.getComments": [.user, .service],
        "wall.createComment": [.user, .community],
        "photos.getWallUploadServer": [.user],
        "photos.saveWallPhoto": [.user],
        "utils.resolveScreenName": [.user, .community, .service],
        "groups.getById": [.user, .community, .service],
        "users.get": [.user, .community, .service],
    ]

    func answer(_ call: VKCall) -> VKAnswer {
        let at = config.rateClock()
        var kind: VKTokenKind?
        var drop: VKDropMode?
        var code: Int?
        var body: Data
        do throws(VKRefusal) {
            guard let allowed = Self.methods[call.method] else { throw VKRefusal(3) }
            guard let version = call.parameters["v"], !version.isEmpty else { throw .noVersion }
            guard let token = call.token, !token.isEmpty else { throw .noToken }
            guard let known = self.kind(of: token) else { throw .unknownToken }
            kind = known
            if limits.enabled, !windows[known, default: RateWindow()].admit(limit: limits.perSecond(known), now: at) {
                throw .tooMany
            }
            guard allowed.contains(known) else { throw known == .community ? .groupAuth : .serviceAuth }
            if let refusal = faults.takeError(call.method) { throw refusal }
            try checkCaptcha(call)
            body = try perform(call.method, call.parameters, as: known)
            drop = faults.takeDrop(call.method)
        } catch {
            code = error.code
            body = error.envelope(method: call.method, parameters: call.parameters)
        }
        let shown = call.parameters.filter { !VKRefusal.secretParameters.contains($0.key) }
        log.append(VKRecordedRequest(method: call.method, tokenKind: kind, carriedToken: !(call.token ?? "").isEmpty,
                                     errorCode: code, at: at, parameters: shown, dropped: drop != nil))
        return VKAnswer(body: body, drop: drop)
    }

    func record(_ endpoint: String, carriedToken: Bool, parameters: [String: String] = [:]) {
        log.append(VKRecordedRequest(method: endpoint, tokenKind: nil, carriedToken: carriedToken, errorCode: nil,
                                     at: config.rateClock(), parameters: parameters, dropped: false))
    }

    private func perform(_ method: String, _ p: [String: String], as kind: VKTokenKind) throws(VKRefusal) -> Data {
        switch method {
        case "wall.getById": return try getById(p)
        case "wall.getComments": return try getComments(p)
        case "wall.createComment": return try createComment(p, as: kind)
        case "photos.getWallUploadServer": return try getWallUploadServer(p)
        case "photos.saveWallPhoto": return try saveWallPhoto(p)
        case "utils.resolveScreenName": return try resolveScreenName(p)
        case "groups.getById": return try groupsGetById(p, as: kind)
        case "users.get": return try usersGet(p, as: kind)
        default: throw VKRefusal(3)
        }
    }

    // MARK: - Captcha

    /// An answered captcha lets the call through; a wrong answer gets a new picture (VK's way).
    private func checkCaptcha(_ call: VKCall) throws(VKRefusal) {
        if let sid = call.parameters["captcha_sid"], let pending = captchas[sid], pending.method == call.method {
            captchas[sid] = nil
            if call.parameters["captcha_key"] == pending.key { return }
            throw newCaptcha(for: call.method)
        }
        if faults.takeCaptcha(call.method) { throw newCaptcha(for: call.method) }
    }

    private func newCaptcha(for method: String) -> VKRefusal {
        let sid = Self.randomToken(12, alphabet: "0123456789")
        // No letters a person could confuse (0/o, 1/l).
        captchas[sid] = CaptchaRecord(method: method, key: Self.randomToken(5, alphabet: "abcdehkmnpqrstuvxyz23456789"))
        let image = "\(url?.absoluteString ?? "http://127.0.0.1")/captcha/\(sid).png"
        return VKRefusal(VKErrorCode.captchaNeeded, captcha: VKCaptcha(sid: sid, img: image))
    }

    /// The captcha's picture (the text itself is not drawn: tests ask `captchaKey`).
    func captchaImage(_ sid: String) -> Data? {
        captchas[sid] == nil ? nil : TinyPNG.solid(width: 130, height: 50, red: 0xEE, green: 0xEE, blue: 0xEE)
    }

    // MARK: - wall.getById

    private func getById(_ p: [String: String]) throws(VKRefusal) -> Data {
        guard let list = p["posts"], !list.isEmpty else { throw .parameter("posts", missing: true) }
        let depth = try int(p, "copy_history_depth").map { Int(clamping: $0) } ?? 2
        var items: [WirePost] = []
        for entry in list.split(separator: ",") {
            let ids = entry.trimmingCharacters(in: .whitespaces).split(separator: "_")
            guard ids.count == 2, let owner = Int64(ids[0]), let id = Int64(ids[1]) else { throw .parameter("posts") }
            // A deleted post, or one on a wall closed to us, is simply not among the items.
            guard !privateWalls.contains(owner), let post = posts[VKPostRef(ownerId: owner, postId: id)], !post.deleted else { continue }
            items.append(wirePost(post, copyHistoryDepth: depth))
        }
        guard p["extended"] == "1" else { return try encode(WirePostsPage(items: items)) }
        var authors: [Int64] = []
        func collect(_ post: WirePost) {
            authors += [post.ownerId, post.fromId] + (post.signerId.map { [$0] } ?? [])
            post.copyHistory?.forEach(collect)
        }
        items.forEach(collect)
        let (profiles, groups) = people(authors)
        return try encode(WirePostsPage(items: items, profiles: profiles, groups: groups))
    }

    private func wirePost(_ post: PostRecord, copyHistoryDepth depth: Int, isCopy: Bool = false) -> WirePost {
        var chain: [WirePost] = []
        var next = post.repostOf
        // The chain is flat: the reposted post, then what it reposted, and so on.
        while let ref = next, chain.count < depth, let source = posts[ref] {
            chain.append(wirePost(source, copyHistoryDepth: 0, isCopy: true))
            next = source.repostOf
        }
        let count = comments(ownerId: post.ownerId, postId: post.id).filter { !$0.deleted }.count
        return WirePost(id: post.id, ownerId: post.ownerId, fromId: post.fromId, signerId: post.signerId, date: post.date,
                        text: post.text, attachments: post.photos.compactMap { photos[$0] }.map { WireAttachment(photo: wirePhoto($0)) },
                        copyHistory: chain.isEmpty ? nil : chain,
                        comments: isCopy ? nil : WireCommentsInfo(count: count, canPost: post.commentsClosed ? 0 : 1,
                                                                  groupsCanPost: post.groupsCanPost),
                        likes: isCopy ? nil : WireCount(count: 0), reposts: isCopy ? nil : WireCount(count: 0),
                        isFavorite: isCopy ? nil : false)
    }

    func wirePhoto(_ record: PhotoRecord) -> WirePhoto {
        let base = photoURL(record)
        // VK gives each size its own URL; here they differ by a query the photo endpoint ignores.
        let sizes = [("s", 75), ("m", 130), ("x", 604), ("y", 807)].map { type, limit in
            let scale = min(1, Double(limit) / Double(max(record.width, record.height, 1)))
            let url = record.externalURL == nil ? "\(base)?size=\(type)" : base
            return WireSize(type: type, url: url, width: max(1, Int((Double(record.width) * scale).rounded())),
                            height: max(1, Int((Double(record.height) * scale).rounded())))
        }
        return WirePhoto(id: record.key.id, ownerId: record.key.ownerId, albumId: record.albumId, date: record.date, sizes: sizes,
                         userId: record.key.ownerId < 0 ? 100 : nil)
    }

    // MARK: - wall.getComments

    private func getComments(_ p: [String: String]) throws(VKRefusal) -> Data {
        let ownerId = try required(p, "owner_id")
        let postId = try required(p, "post_id")
        guard !privateWalls.contains(ownerId) else { throw .accessDenied }
        guard let post = posts[VKPostRef(ownerId: ownerId, postId: postId)], !post.deleted else { throw VKRefusal(212) }
        let all = comments(ownerId: ownerId, postId: postId)
        let replies = { (root: Int64) in all.filter { $0.threadRoot == root && !$0.deleted } }
        var level: [VKStoredComment]
        if let root = try int(p, "comment_id") {
            guard let comment = all.first(where: { $0.id == root }) else { throw .parameter("comment_id") }
            level = replies(comment.id)
        } else {
            // A deleted top-level comment stays while its thread has replies.
            level = all.filter { $0.threadRoot == nil && (!$0.deleted || !replies($0.id).isEmpty) }
        }
        if p["sort"] == "desc" { level.reverse() }
        let currentLevelCount = level.count
        if let start = try int(p, "start_comment_id") {
            level = level.firstIndex(where: { $0.id == start }).map { Array(level[$0...]) } ?? []
        }
        let offset = try int(p, "offset").map { Int(clamping: max(0, $0)) } ?? 0
        let count = try int(p, "count").map { Int(clamping: min(max(0, $0), 100)) } ?? 10
        let page = Array(level.dropFirst(offset).prefix(count))
        let preview = try int(p, "preview_length").map { Int(clamping: max(0, $0)) } ?? 0
        let threadItems = try int(p, "thread_items_count").map { Int(clamping: min(max(0, $0), 10)) } ?? 0
        let items = page.map { comment in
            wireComment(comment, post: post, preview: preview,
                        thread: comment.threadRoot == nil ? replies(comment.id) : nil, threadItems: threadItems)
        }
        let total = all.filter { !$0.deleted }.count
        var result = WireCommentsPage(count: p["comment_id"] == nil ? total : currentLevelCount, items: items,
                                     currentLevelCount: currentLevelCount, canPost: !post.commentsClosed,
                                     showReplyButton: !post.commentsClosed, groupsCanPost: post.groupsCanPost)
        if p["extended"] == "1" {
            var authors: [Int64] = []
            for item in items {
                authors += [item.fromId] + (item.replyToUser.map { [$0] } ?? [])
                authors += (item.thread?.items ?? []).flatMap { [$0.fromId] + ($0.replyToUser.map { [$0] } ?? []) }
            }
            (result.profiles, result.groups) = people(authors)
        }
        return try encode(result)
    }

    private func wireComment(_ comment: VKStoredComment, post: PostRecord, preview: Int, thread: [VKStoredComment]?,
                             threadItems: Int) -> WireComment {
        let text = comment.deleted ? "" : (preview > 0 ? String(comment.text.prefix(preview)) : comment.text)
        let attachments = comment.deleted ? [] : comment.attachments.compactMap { photoKey($0).flatMap { photos[$0] } }
            .map { WireAttachment(photo: wirePhoto($0)) }
        let wireThread = thread.map { replies in
            WireThread(count: replies.count,
                       items: replies.prefix(threadItems).map { wireComment($0, post: post, preview: preview, thread: nil, threadItems: 0) },
                       canPost: !post.commentsClosed, showReplyButton: !post.commentsClosed, groupsCanPost: post.groupsCanPost)
        }
        return WireComment(id: comment.id, fromId: comment.fromId, date: comment.date, text: text, postId: comment.postId,
                           ownerId: comment.ownerId, parentsStack: comment.threadRoot.map { [$0] } ?? [],
                           attachments: attachments.isEmpty ? nil : attachments, replyToUser: comment.replyToUser,
                           replyToComment: comment.replyToComment, thread: wireThread, deleted: comment.deleted ? true : nil)
    }

    // MARK: - wall.createComment

    private func createComment(_ p: [String: String], as kind: VKTokenKind) throws(VKRefusal) -> Data {
        let ownerId = try required(p, "owner_id")
        let postId = try required(p, "post_id")
        guard !privateWalls.contains(ownerId) else { throw .accessDenied }
        guard let post = posts[VKPostRef(ownerId: ownerId, postId: postId)], !post.deleted else { throw .parameter("post_id") }
        let fromGroup = try int(p, "from_group").flatMap { $0 == 0 ? nil : $0 }
        let author: Int64
        switch kind {
        case .community:
            // A community key always writes as its community.
            if let fromGroup, fromGroup != config.communityId { throw .parameter("from_group") }
            author = -config.communityId
        default:
            // The editor may write as the community they edit, and only that one.
            if let fromGroup {
                guard fromGroup == config.communityId else { throw .accessDenied }
                author = -config.communityId
            } else {
                author = config.userId
            }
        }
        guard !post.commentsClosed else { throw VKRefusal(VKErrorCode.commentsClosed) }
        if author < 0, post.ownerId != author, !post.groupsCanPost { throw VKRefusal(VKErrorCode.commentsClosed) }

        let guid = p["guid"].flatMap { $0.isEmpty ? nil : "\(ownerId)_\(postId)_\($0)" }
        if let guid, let existing = guids[guid], let comment = comments[ownerId]?[existing] {
            // The same guid again: VK answers the comment it already made.
            return try encode(WireCreatedComment(commentId: existing, parentsStack: comment.threadRoot.map { [$0] } ?? []))
        }
        var root: Int64?
        var replyToUser: Int64?
        let replyTo = try int(p, "reply_to_comment")
        if let replyTo {
            guard let parent = comments[ownerId]?[replyTo], parent.postId == postId, !parent.deleted else {
                throw .parameter("reply_to_comment")
            }
            root = parent.threadRoot ?? parent.id
            replyToUser = parent.fromId
        }
        var attachments: [String] = []
        for item in (p["attachments"] ?? "").split(separator: ",") {
            let id = item.trimmingCharacters(in: .whitespaces)
            guard id.hasPrefix("photo"), let key = photoKey(id), photos[key] != nil else { throw .parameter("attachments") }
            attachments.append(key.attachmentID)
        }
        let message = p["message"] ?? ""
        guard !message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || !attachments.isEmpty else {
            throw .parameter("message", missing: true)
        }
        guard !Self.containsHyperlink(message) else { throw VKRefusal(VKErrorCode.hyperlinksForbidden) }
        if let limit = config.repliesPerThread, let root,
           comments(ownerId: ownerId, postId: postId).filter({ $0.threadRoot == root && $0.fromId == author && !$0.deleted }).count >= limit {
            throw VKRefusal(VKErrorCode.tooManyReplies)
        }
        let minuteAgo = now().timeIntervalSince1970 - 60
        var recent = (creations[kind] ?? []).filter { $0 > minuteAgo }
        guard recent.count < config.commentsPerMinute else { throw VKRefusal(VKErrorCode.floodControl) }
        recent.append(now().timeIntervalSince1970)
        creations[kind] = recent

        let comment = VKStoredComment(id: allocateWallId(ownerId), ownerId: ownerId, postId: postId, fromId: author, text: message,
                                      date: unixNow, replyToComment: replyTo, replyToUser: replyToUser, threadRoot: root,
                                      attachments: attachments, guid: p["guid"], deleted: false, createdWith: kind)
        comments[ownerId, default: [:]][comment.id] = comment
        createdOrder.append((ownerId, comment.id))
        if let guid { guids[guid] = comment.id }
        return try encode(WireCreatedComment(commentId: comment.id, parentsStack: root.map { [$0] } ?? []))
    }

    /// VK refuses links in comments (error 222, FACTS §4): a scheme, `www.`, or a bare domain such as
    /// `example.ru` or `vk.cc/…`. An e-mail address is not taken for a link.
    static func containsHyperlink(_ text: String) -> Bool {
        let lower = text.lowercased()
        if lower.contains("http://") || lower.contains("https://") || lower.contains("www.") { return true }
        let domain = #/(?:^|[^\p{L}\p{N}\-_.@])[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.(?:ru|рф|su|com|net|org|info|biz|pro|me|io|cc|ly|online|site|gov|edu)(?![\p{L}\p{N}])/#
        return lower.contains(domain)
    }

    // MARK: - utils, groups, users

    private func resolveScreenName(_ p: [String: String]) throws(VKRefusal) -> Data {
        guard let name = p["screen_name"]?.lowercased(), !name.isEmpty else { throw .parameter("screen_name", missing: true) }
        if let user = users.values.first(where: { $0.screenName?.lowercased() == name }) {
            return try encode(WireResolved(type: "user", objectId: user.id))
        }
        if let community = communities.values.first(where: { $0.screenName.lowercased() == name }) {
            return try encode(WireResolved(type: "group", objectId: community.id))
        }
        // id123, club123, public123, event123 name their object whatever its screen name.
        for (prefix, type) in [("id", "user"), ("club", "group"), ("public", "group"), ("event", "group")] where name.hasPrefix(prefix) {
            if let id = Int64(name.dropFirst(prefix.count)), type == "user" ? users[id] != nil : communities[id] != nil {
                return try encode(WireResolved(type: type, objectId: id))
            }
        }
        // An unknown name: an empty list, not an error.
        return try encode([String]())
    }

    private func groupsGetById(_ p: [String: String], as kind: VKTokenKind) throws(VKRefusal) -> Data {
        let requested = (p["group_ids"] ?? p["group_id"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var found: [CommunityRecord] = []
        if requested.isEmpty {
            // A community key describes its own community.
            guard kind == .community, let own = communities[config.communityId] else { throw .parameter("group_ids", missing: true) }
            found = [own]
        }
        for name in requested {
            let id = Int64(name) ?? Int64(name.drop { !$0.isNumber })
            if let community = communities.values.first(where: { $0.screenName.lowercased() == name }) ?? id.flatMap({ communities[$0] }) {
                found.append(community)
            }
        }
        guard !found.isEmpty else { throw .parameter("group_ids") }
        return try encode(WireGroupsPage(groups: found.map(wireGroup), profiles: []))
    }

    private func usersGet(_ p: [String: String], as kind: VKTokenKind) throws(VKRefusal) -> Data {
        let requested = (p["user_ids"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if requested.isEmpty {
            // The key's own user; service and community keys have none.
            return try encode(kind == .user ? [users[config.userId]].compactMap { $0 }.map(wireProfile) : [])
        }
        let found = requested.compactMap { name in
            users.values.first { $0.screenName?.lowercased() == name } ?? Int64(name.hasPrefix("id") ? String(name.dropFirst(2)) : name).flatMap { users[$0] }
        }
        return try encode(found.map(wireProfile))
    }

    // MARK: - Helpers

    /// The profiles and groups of the given authors (negative: communities), each once, unknown ones left out.
    private func people(_ ids: [Int64]) -> (profiles: [WireProfile], groups: [WireGroup]) {
        var seen: Set<Int64> = []
        var profiles: [WireProfile] = []
        var groups: [WireGroup] = []
        for id in ids where seen.insert(id).inserted {
            if id < 0, let community = communities[-id] { groups.append(wireGroup(community)) }
            if id > 0, let user = users[id] { profiles.append(wireProfile(user)) }
        }
        return (profiles, groups)
    }

    private func wireProfile(_ user: UserRecord) -> WireProfile {
        WireProfile(id: user.id, firstName: user.firstName, lastName: user.lastName, screenName: user.screenName)
    }

    private func wireGroup(_ community: CommunityRecord) -> WireGroup {
        WireGroup(id: community.id, name: community.name, screenName: community.screenName)
    }

    func encode<T: Encodable>(_ value: T) throws(VKRefusal) -> Data {
        do { return try VKWire.encoder().encode(VKResponse(response: value)) } catch { throw VKRefusal(VKErrorCode.internalError) }
    }

    /// An integer parameter: nil when absent, error 100 when not a number.
    func int(_ p: [String: String], _ name: String) throws(VKRefusal) -> Int64? {
        guard let raw = p[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        guard let value = Int64(raw) else { throw .parameter(name) }
        return value
    }

    func required(_ p: [String: String], _ name: String) throws(VKRefusal) -> Int64 {
        guard let value = try int(p, name) else { throw .parameter(name, missing: true) }
        return value
    }
}
