import CurlTransport
import Foundation
import Testing
import VKAPI
import VKSandbox

@Suite("VK sandbox: reading posts and comments, key kinds, request format", .timeLimit(.minutes(1)))
struct ReadingTests {
    @Test("a post comes with its author's name, its photos (served) and its repost chain")
    func postWithNamesPhotosAndReposts() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let original = try await h.sandbox.addPost(ownerId: -h.community, text: "График вывоза мусора", photos: [.generated])
        let shared = try await h.sandbox.addPost(ownerId: -Cast.overheard, text: "Смотрите",
                                                 repostOf: VKPostRef(ownerId: -h.community, postId: original))
        let postId = try await h.sandbox.addPost(ownerId: Cast.ivan, text: "Яма на Ленина, 5", photos: [.generated, .generated],
                                                 repostOf: VKPostRef(ownerId: -Cast.overheard, postId: shared))

        let page = try await h.client.post(ownerId: Cast.ivan, postId: postId)
        let post = try #require(page.items.first)
        #expect(page.items.count == 1)
        #expect(post.id == postId && post.ownerId == Cast.ivan && post.fromId == Cast.ivan)
        #expect(post.text == "Яма на Ленина, 5")
        #expect(post.comments?.groupsCanPost == true)
        #expect(post.comments?.canPost == 1)
        let photos = (post.attachments ?? []).compactMap(\.photo)
        #expect(photos.count == 2)
        #expect(Set(photos.map(\.attachmentID)).count == 2)
        let url = try #require(photos.first?.largestURL)
        let download = try await h.download(url)
        #expect(download.status == 200)
        #expect(download.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(download.body == (await h.sandbox.photoData(photos[0].attachmentID)))

        // The chain: the post it reposts first, then what that one reposted.
        let chain = post.copyHistory ?? []
        #expect(chain.map(\.ownerId) == [-Cast.overheard, -h.community])
        #expect(chain.map(\.id) == [shared, original])
        #expect(chain.last?.text == "График вывоза мусора")
        #expect(chain.last?.attachments?.compactMap(\.photo).count == 1)

        let ivan = page.profiles?.first { $0.id == Cast.ivan }
        #expect(ivan?.firstName == "Иван" && ivan?.lastName == "Петров" && ivan?.screenName == "ivan_petrov")
        let groups = Dictionary(uniqueKeysWithValues: (page.groups ?? []).map { ($0.id, $0.name ?? "") })
        #expect(groups == [Cast.overheard: "Подслушано в городе", h.community: "Администрация города"])

        let requests = await h.sandbox.requests("wall.getById")
        #expect(requests.count == 1)
        #expect(requests.first?.tokenKind == .service)
        #expect(requests.first?.parameters["posts"] == "\(Cast.ivan)_\(postId)")
        #expect(requests.first?.parameters["v"] == "5.199")
        await h.stop()
    }

    @Test("a deleted post and a post on a private wall are not among the items; comments of a private wall answer 15")
    func deletedAndPrivate() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let gone = try await h.sandbox.addPost(ownerId: Cast.ivan, text: "удалю")
        try await h.sandbox.deletePost(ownerId: Cast.ivan, postId: gone)
        #expect(try await h.client.post(ownerId: Cast.ivan, postId: gone).items.isEmpty)
        #expect(try await h.client.post(ownerId: Cast.ivan, postId: 999_999).items.isEmpty)

        let hidden = try await h.sandbox.addPost(ownerId: Cast.olga, text: "только друзьям")
        await h.sandbox.makeWallPrivate(ownerId: Cast.olga)
        #expect(try await h.client.post(ownerId: Cast.olga, postId: hidden).items.isEmpty)
        let denied = await failure { try await h.client.comments(VKCommentsQuery(ownerId: Cast.olga, postId: hidden)) }
        #expect(denied == .api(code: 15, message: "Access denied", captcha: nil))
        await h.stop()
    }

    @Test("one comment is read by start_comment_id and count=1, at the top level and inside a thread")
    func oneComment() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let postId = try await h.sandbox.addPost(ownerId: -Cast.overheard, text: "Опять не убрали снег")
        let first = try await h.sandbox.addComment(ownerId: -Cast.overheard, postId: postId, fromId: Cast.ivan, text: "Когда починят?")
        let second = try await h.sandbox.addComment(ownerId: -Cast.overheard, postId: postId, fromId: Cast.olga, text: "Третий год так")
        let reply = try await h.sandbox.addComment(ownerId: -Cast.overheard, postId: postId, fromId: Cast.olga, text: "И не говорите",
                                                   replyTo: first)
        // A reply to a reply lands in the root's thread, naming the comment it answers.
        let nested = try await h.sandbox.addComment(ownerId: -Cast.overheard, postId: postId, fromId: Cast.ivan, text: "Ага",
                                                    replyTo: reply)

        let one = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, startCommentId: second, count: 1))
        #expect(one.items.map(\.id) == [second])
        #expect(one.items.first?.text == "Третий год так")
        #expect(one.items.first?.fromId == Cast.olga)
        #expect(one.profiles?.map(\.id) == [Cast.olga])
        #expect(one.currentLevelCount == 2)
        #expect(one.count == 4)
        #expect(one.groupsCanPost == true)

        let top = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId))
        #expect(top.items.map(\.id) == [first, second])
        #expect(top.items.map { $0.thread?.count } == [2, 0])
        #expect(top.items.first?.parentsStack == [])
        let newest = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, newestFirst: true))
        #expect(newest.items.map(\.id) == [second, first])

        let inThread = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, threadOf: first,
                                                                   startCommentId: nested, count: 1))
        let found = try #require(inThread.items.first)
        #expect(inThread.items.count == 1)
        #expect(found.id == nested && found.text == "Ага")
        #expect(found.replyToComment == reply)
        #expect(found.replyToUser == Cast.olga)
        #expect(found.parentsStack == [first])
        #expect(Set(inThread.profiles?.map(\.id) ?? []) == [Cast.ivan, Cast.olga])
        let thread = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, threadOf: first))
        #expect(thread.items.map(\.id) == [reply, nested])

        let missing = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, startCommentId: 424_242, count: 1))
        #expect(missing.items.isEmpty)
        #expect(await h.sandbox.requests("wall.getComments").allSatisfy { $0.tokenKind == .service && $0.errorCode == nil })
        await h.stop()
    }

    @Test("a community key where VK wants a user or service key answers 27; a service key where it wants a user or community key, 28")
    func wrongKeyKinds() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let postId = try await h.sandbox.addPost(ownerId: -Cast.overheard, text: "Пост")
        let groupAuth = VKAPIError.api(code: 27, message: "Group authorization failed: method is unavailable with group auth.", captcha: nil)
        let appAuth = VKAPIError.api(code: 28, message: "Application authorization failed: method is unavailable with service token.",
                                     captcha: nil)

        let communityReads = h.client(service: h.config.communityToken)
        #expect(await failure { try await communityReads.post(ownerId: -Cast.overheard, postId: postId) } == groupAuth)
        #expect(await failure { try await communityReads.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId) ) } == groupAuth)
        let serviceWrites = h.client(community: h.config.serviceToken)
        let comment = VKNewComment(ownerId: -Cast.overheard, postId: postId, fromGroup: h.community, message: "Ответ", guid: "g1")
        #expect(await failure { try await serviceWrites.createComment(comment) } == appAuth)
        let communityUploads = h.client(user: h.config.communityToken)
        #expect(await failure {
            try await communityUploads.uploadWallPhoto(groupId: h.community, data: onePixelPNG, filename: "a.png", mimeType: "image/png")
        } == groupAuth)
        let serviceUploads = h.client(user: h.config.serviceToken)
        #expect(await failure {
            try await serviceUploads.uploadWallPhoto(groupId: h.community, data: onePixelPNG, filename: "a.png", mimeType: "image/png")
        } == appAuth)

        #expect(await h.sandbox.requests.map(\.errorCode) == [27, 27, 28, 27, 28])
        #expect(await h.sandbox.comments(ownerId: -Cast.overheard, postId: postId).isEmpty)
        // Names resolve with any key.
        let resolved = try await h.client(community: h.config.communityToken).resolveScreenName("overheard_city")
        #expect(resolved == VKResolvedName(type: "group", objectId: Cast.overheard))
        await h.stop()
    }

    @Test("an unknown key answers 5; a missing key stops the call before any request")
    func unknownAndMissingKeys() async throws {
        let h = try await VKHarness.start()
        let forged = "vk1.a.forged-key-0000000000000000"
        let stranger = h.client(service: forged)
        let error = await failure { try await stranger.post(ownerId: 1, postId: 1) }
        #expect(error == .api(code: 5, message: "User authorization failed: invalid access_token (4).", captcha: nil))
        #expect(await h.sandbox.requests.map(\.tokenKind) == [nil])
        #expect(await h.sandbox.requests.map(\.carriedToken) == [true])

        let readerOnly = h.client(service: h.config.serviceToken)
        #expect(readerOnly.tokenKinds == [.service])
        let comment = VKNewComment(ownerId: 1, postId: 1, fromGroup: h.community, message: "x", guid: "g")
        guard case .notConfigured? = await failure({ try await readerOnly.createComment(comment) }) else {
            Issue.record("createComment without a community key was not refused as notConfigured"); return
        }
        guard case .notConfigured? = await failure({
            try await readerOnly.uploadWallPhoto(groupId: h.community, data: onePixelPNG, filename: "a.png", mimeType: "image/png")
        }) else { Issue.record("upload without a user key was not refused as notConfigured"); return }
        guard case .notConfigured? = await failure({ try await h.client().resolveScreenName("durov") }) else {
            Issue.record("resolveScreenName without keys was not refused"); return
        }
        #expect(await h.sandbox.requests.count == 1)
        await h.stop()
    }

    @Test("screen names resolve to users and communities; an unknown one is nil")
    func resolveNames() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        #expect(try await h.client.resolveScreenName("ivan_petrov") == VKResolvedName(type: "user", objectId: Cast.ivan))
        #expect(try await h.client.resolveScreenName("city_admin")?.ownerId == -h.community)
        #expect(try await h.client.resolveScreenName("club\(Cast.overheard)")?.ownerId == -Cast.overheard)
        #expect(try await h.client.resolveScreenName("no_such_name_here") == nil)
        await h.stop()
    }

    @Test("the request format: v is required (8), GET with access_token works, the form body is read")
    func requestFormat() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let service = h.config.serviceToken
        let noVersion = try await h.http.perform(HTTPRequest(url: "\(h.baseURL)/method/users.get?user_ids=ivan_petrov&access_token=\(service)"))
        let error = try #require(try JSONSerialization.jsonObject(with: noVersion.body) as? [String: Any])["error"] as? [String: Any]
        #expect(error?["error_code"] as? Int == 8)
        #expect(error?["error_msg"] as? String == "Invalid request: v (version) is required")
        #expect(!String(decoding: noVersion.body, as: UTF8.self).contains(service))

        let viaQuery = try await h.http.perform(HTTPRequest(url: "\(h.baseURL)/method/users.get?user_ids=ivan_petrov&v=5.199&access_token=\(service)"))
        let users = try #require(try JSONSerialization.jsonObject(with: viaQuery.body) as? [String: Any])["response"] as? [[String: Any]]
        #expect(users?.first?["first_name"] as? String == "Иван")

        let form = try await h.http.perform(HTTPRequest(
            method: "POST", url: "\(h.baseURL)/method/groups.getById",
            headers: [(name: "Authorization", value: "Bearer \(h.config.communityToken)"),
                      (name: "Content-Type", value: "application/x-www-form-urlencoded")],
            body: Data("v=5.199".utf8)))
        let groups = (try JSONSerialization.jsonObject(with: form.body) as? [String: Any])?["response"] as? [String: Any]
        #expect(((groups?["groups"] as? [[String: Any]])?.first?["name"] as? String) == "Администрация города")
        let kinds = await h.sandbox.requests.map(\.tokenKind)
        #expect(kinds == [nil, .service, .community])
        await h.stop()
    }
}
