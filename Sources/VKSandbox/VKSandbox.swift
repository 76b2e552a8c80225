import FlyingFox
import FlyingSocks
import Foundation
import VKAPI

/// A fake VK API on 127.0.0.1 that refuses what real VK refuses (FACTS §2–§5): a key of the wrong kind
/// (errors 27, 28), an unknown key (5), a missing `v` (8), more than the per-key rate (6), hyperlinks
/// in comments (222), closed comments (213), flood (9); with `guid` dedupe, threads one level deep,
/// the wall photo upload flow, and faults a test injects (errors, captcha, answers lost after commit,
/// slow answers). Tests and the demo read back what the bot did.
public actor VKSandbox {
    public nonisolated let config: VKSandboxConfig

    var now: @Sendable () -> Date
    var limits: VKSandboxLimits
    var users: [Int64: UserRecord] = [:]
    var communities: [Int64: CommunityRecord] = [:]
    /// Posts and comments per wall share one id sequence, as on VK.
    var posts: [VKPostRef: PostRecord] = [:]
    var comments: [Int64: [Int64: VKStoredComment]] = [:]
    var nextWallId: [Int64: Int64] = [:]
    var privateWalls: Set<Int64> = []
    var photos: [PhotoKey: PhotoRecord] = [:]
    var nextPhotoId: Int64 = 457_239_017
    var uploadSlots: [String: UploadSlot] = [:]
    var pendingUploads: [String: PendingUpload] = [:]
    /// Comments created per key, by `now` seconds, for flood control.
    var creations: [VKTokenKind: [Double]] = [:]
    /// `(owner, post, guid)` → the comment the first call created.
    var guids: [String: Int64] = [:]
    var captchas: [String: CaptchaRecord] = [:]
    var faults = PendingFaults()
    var windows: [VKTokenKind: RateWindow] = [:]
    var log: [VKRecordedRequest] = []
    var createdOrder: [(ownerId: Int64, commentId: Int64)] = []
    var server: HTTPServer?
    var serverTask: Task<Void, any Error>?
    var url: URL?

    public init(config: VKSandboxConfig = VKSandboxConfig()) {
        self.config = config
        self.now = config.now
        self.limits = config.limits
        communities[config.communityId] = CommunityRecord(id: config.communityId, name: config.communityName,
                                                           screenName: config.communityScreenName)
        users[config.userId] = UserRecord(id: config.userId, firstName: config.userFirstName, lastName: config.userLastName,
                                          screenName: "id\(config.userId)")
    }

    /// The API base URL (`http://127.0.0.1:PORT`), once started.
    public var baseURL: URL? { url }

    /// Starts listening on a free loopback port and answers the base URL.
    @discardableResult
    public func start() async throws -> URL {
        if let url { return url }
        let address = try sockaddr_in.inet(ip4: "127.0.0.1", port: 0)
        // `delayNext` may hold an answer longer than FlyingFox's default 15 s.
        let server = HTTPServer(config: HTTPServer.Configuration(address: address, timeout: 300, logger: .disabled),
                                handler: VKHTTPHandler(sandbox: self))
        self.server = server
        serverTask = Task { try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case let .ip4(_, port)? = await server.listeningAddress,
              let url = URL(string: "http://127.0.0.1:\(port)") else { throw SocketError.unsupportedAddress }
        self.url = url
        return url
    }

    public func stop() async {
        await server?.stop(timeout: 0)
        serverTask?.cancel()
        server = nil
        serverTask = nil
        url = nil
    }

    /// The kind of a key the sandbox issued.
    public nonisolated func kind(of token: String) -> VKTokenKind? {
        switch token {
        case config.serviceToken: .service
        case config.communityToken: .community
        case config.userToken: .user
        default: nil
        }
    }

    // MARK: - Switches

    /// Sets the source of post and comment dates and of the flood-control minute.
    public func setClock(_ now: @escaping @Sendable () -> Date) { self.now = now }

    /// Replaces the per-key rates.
    public func setLimits(_ limits: VKSandboxLimits) { self.limits = limits }

    var unixNow: Int64 { Int64(now().timeIntervalSince1970) }

    // MARK: - People, walls, posts, comments

    public func addUser(id: Int64, firstName: String, lastName: String, screenName: String? = nil) {
        users[id] = UserRecord(id: id, firstName: firstName, lastName: lastName, screenName: screenName)
    }

    /// A community with a positive `id`; its wall is `-id`.
    public func addCommunity(id: Int64, name: String, screenName: String? = nil) {
        communities[id] = CommunityRecord(id: id, name: name, screenName: screenName ?? "club\(id)")
    }

    /// A post on the wall of `ownerId` (a user, or `-community`), by `fromId` (the owner when nil),
    /// answers its id. `repostOf` makes it a repost: `copy_history` then follows that post's own chain.
    @discardableResult
    public func addPost(ownerId: Int64, text: String, fromId: Int64? = nil, signerId: Int64? = nil, date: Date? = nil,
                        photos: [VKSandboxPhoto] = [], repostOf: VKPostRef? = nil, commentsClosed: Bool = false,
                        groupsCanPost: Bool = true) throws -> Int64 {
        guard knowsOwner(ownerId) else { throw VKSandboxError.unknownOwner(ownerId) }
        let author = fromId ?? ownerId
        guard knowsOwner(author) else { throw VKSandboxError.unknownOwner(author) }
        if let repostOf, posts[repostOf] == nil {
            throw VKSandboxError.unknownPost(ownerId: repostOf.ownerId, postId: repostOf.postId)
        }
        let id = allocateWallId(ownerId)
        let date = date.map { Int64($0.timeIntervalSince1970) } ?? unixNow
        let keys = photos.map { addPhoto($0, ownerId: ownerId, date: date, uploadedByBot: false) }
        posts[VKPostRef(ownerId: ownerId, postId: id)] = PostRecord(
            ownerId: ownerId, id: id, fromId: author, signerId: signerId, date: date, text: text, photos: keys,
            repostOf: repostOf, commentsClosed: commentsClosed, groupsCanPost: groupsCanPost)
        return id
    }

    /// A comment by `fromId` (negative for a community), answers its id. `replyTo` names the comment it
    /// answers: it lands in that comment's root thread (VK's threads are one level deep).
    @discardableResult
    public func addComment(ownerId: Int64, postId: Int64, fromId: Int64, text: String, replyTo: Int64? = nil,
                           date: Date? = nil, photos: [VKSandboxPhoto] = []) throws -> Int64 {
        let ref = VKPostRef(ownerId: ownerId, postId: postId)
        guard posts[ref] != nil else { throw VKSandboxError.unknownPost(ownerId: ownerId, postId: postId) }
        guard knowsOwner(fromId) else { throw VKSandboxError.unknownOwner(fromId) }
        var root: Int64?
        var replyToUser: Int64?
        if let replyTo {
            guard let parent = comments[ownerId]?[replyTo], parent.postId == postId else {
                throw VKSandboxError.unknownComment(ownerId: ownerId, commentId: replyTo)
            }
            root = parent.threadRoot ?? parent.id
            replyToUser = parent.fromId
        }
        let date = date.map { Int64($0.timeIntervalSince1970) } ?? unixNow
        let keys = photos.map { addPhoto($0, ownerId: ownerId, date: date, uploadedByBot: false) }
        let comment = VKStoredComment(id: allocateWallId(ownerId), ownerId: ownerId, postId: postId, fromId: fromId, text: text,
                                      date: date, replyToComment: replyTo, replyToUser: replyToUser, threadRoot: root,
                                      attachments: keys.map(\.attachmentID), guid: nil, deleted: false, createdWith: nil)
        comments[ownerId, default: [:]][comment.id] = comment
        return comment.id
    }

    /// The post disappears: `wall.getById` leaves it out, its comments cannot be read or added.
    public func deletePost(ownerId: Int64, postId: Int64) throws {
        let ref = VKPostRef(ownerId: ownerId, postId: postId)
        guard posts[ref] != nil else { throw VKSandboxError.unknownPost(ownerId: ownerId, postId: postId) }
        posts[ref]?.deleted = true
    }

    /// The comment is deleted; it stays in the listing as `deleted` while its thread has replies.
    public func deleteComment(ownerId: Int64, commentId: Int64) throws {
        guard comments[ownerId]?[commentId] != nil else { throw VKSandboxError.unknownComment(ownerId: ownerId, commentId: commentId) }
        comments[ownerId]?[commentId]?.deleted = true
    }

    /// Comments are switched off on the post: creating one answers error 213.
    public func closeComments(ownerId: Int64, postId: Int64) throws {
        try setPost(ownerId, postId) { $0.commentsClosed = true }
    }

    /// Whether communities may comment the post (`groups_can_post`).
    public func setGroupsCanPost(ownerId: Int64, postId: Int64, _ allowed: Bool) throws {
        try setPost(ownerId, postId) { $0.groupsCanPost = allowed }
    }

    /// The wall is closed to outsiders: `wall.getById` answers no items, comments answer error 15.
    public func makeWallPrivate(ownerId: Int64) { privateWalls.insert(ownerId) }

    // MARK: - Faults

    /// The next `times` calls of `method` answer VK's error `code` with errors.json's text (or `message`).
    public func failNext(method: String, code: Int, times: Int = 1, message: String? = nil) {
        faults.errors.append((method, VKRefusal(code, message), max(1, times)))
    }

    /// The next call of `method` answers error 14 with a captcha served at `/captcha/<sid>.png`; the call
    /// repeated with `captcha_sid` and the right `captcha_key` (see `captchaKey`) goes through.
    public func captchaNext(method: String) { faults.captchas[method, default: 0] += 1 }

    /// The text on captcha `sid`'s image, as a person would read it.
    public func captchaKey(_ sid: String) -> String? { captchas[sid]?.key }

    /// The captchas asked and not yet answered.
    public var openCaptchas: [String] { captchas.keys.sorted() }

    /// The next `times` calls of `method` take effect, then their answer is lost.
    public func dropAfterCommit(method: String, mode: VKDropMode = .closeConnection, times: Int = 1) {
        faults.drops.append((method, mode, max(1, times)))
    }

    /// The next call of `method` is held `by` before the sandbox takes it in.
    public func delayNext(method: String, by delay: Duration) { faults.delays.append((method, delay)) }

    func takeDelay(_ method: String) -> Duration? { faults.takeDelay(method) }

    // MARK: - Read-back

    /// Every comment on the post, deleted ones included, in id order.
    public func comments(ownerId: Int64, postId: Int64) -> [VKStoredComment] {
        (comments[ownerId] ?? [:]).values.filter { $0.postId == postId }.sorted { $0.id < $1.id }
    }

    /// The comments `wall.createComment` created, oldest first.
    public var createdComments: [VKStoredComment] {
        createdOrder.compactMap { comments[$0.ownerId]?[$0.commentId] }
    }

    /// Every request, oldest first.
    public var requests: [VKRecordedRequest] { log }

    /// The requests for one method (or endpoint: `upload`, `photo`, `captcha`).
    public func requests(_ method: String) -> [VKRecordedRequest] { log.filter { $0.method == method } }

    /// The bytes of a photo the sandbox holds (`photo<owner>_<id>` or `<owner>_<id>`).
    public func photoData(_ id: String) -> Data? {
        photoKey(id).flatMap { photos[$0]?.data }
    }

    /// The photos the bot uploaded and saved, in id order (`photo<owner>_<id>` strings).
    public var uploadedPhotos: [String] {
        photos.values.filter(\.uploadedByBot).sorted { $0.key.id < $1.key.id }.map(\.key.attachmentID)
    }

    // MARK: - Helpers

    func knowsOwner(_ id: Int64) -> Bool { id < 0 ? communities[-id] != nil : users[id] != nil }

    func allocateWallId(_ ownerId: Int64) -> Int64 {
        let id = nextWallId[ownerId] ?? 100
        nextWallId[ownerId] = id + 1
        return id
    }

    private func setPost(_ ownerId: Int64, _ postId: Int64, _ change: (inout PostRecord) -> Void) throws {
        let ref = VKPostRef(ownerId: ownerId, postId: postId)
        guard var post = posts[ref] else { throw VKSandboxError.unknownPost(ownerId: ownerId, postId: postId) }
        change(&post)
        posts[ref] = post
    }

    func photoKey(_ id: String) -> PhotoKey? {
        var text = Substring(id)
        if text.hasPrefix("photo") { text = text.dropFirst("photo".count) }
        // An access key may follow: photo-1_2_abcdef.
        let parts = text.split(separator: "_")
        guard parts.count >= 2, let owner = Int64(parts[0]), let photo = Int64(parts[1]) else { return nil }
        return PhotoKey(ownerId: owner, id: photo)
    }

    func addPhoto(_ source: VKSandboxPhoto, ownerId: Int64, date: Int64, uploadedByBot: Bool) -> PhotoKey {
        let key = PhotoKey(ownerId: ownerId, id: nextPhotoId)
        nextPhotoId += 1
        var record = PhotoRecord(key: key, albumId: -7, date: date, data: nil, externalURL: nil, width: 0, height: 0,
                                 uploadedByBot: uploadedByBot)
        switch source {
        case .generated:
            // Each generated photo a little different, so tests can tell them apart.
            let shade = UInt8(truncatingIfNeeded: key.id)
            record.data = TinyPNG.solid(width: 32, height: 24, red: 0x4A, green: 0x76, blue: shade)
        case let .bytes(data): record.data = data
        case let .url(url): record.externalURL = url
        }
        let size = record.data.flatMap(TinyPNG.dimensions) ?? (width: 604, height: 453)
        record.width = size.width
        record.height = size.height
        photos[key] = record
        return key
    }

    /// The URL a photo is served at.
    func photoURL(_ record: PhotoRecord) -> String {
        record.externalURL ?? "\(url?.absoluteString ?? "http://127.0.0.1")/photos/\(record.key.name).jpg"
    }

    static func randomToken(_ length: Int, alphabet: String = "abcdefghijklmnopqrstuvwxyz0123456789") -> String {
        let letters = Array(alphabet)
        return String((0..<length).map { _ in letters.randomElement() ?? "x" })
    }
}
