import CurlTransport
import Foundation
import Testing
import VKAPI
import VKSandbox

@Suite("VK sandbox: per-key rates, error 6, keys kept out of error texts", .timeLimit(.minutes(1)))
struct LimitsTests {
    @Test("error 6 is re-sent after a 1 s pause, up to 3 times; the 4th refusal reaches the caller")
    func tooManyRequestsRetried() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let postId = try await h.sandbox.addPost(ownerId: Cast.ivan, text: "Пост")
        await h.sandbox.failNext(method: "wall.getById", code: 6, times: 2)
        let page = try await h.client.post(ownerId: Cast.ivan, postId: postId)
        #expect(page.items.map(\.id) == [postId])
        #expect(h.waits.all.filter { $0 == .seconds(1) }.count == 2)
        #expect(await h.sandbox.requests("wall.getById").map(\.errorCode) == [6, 6, nil])

        await h.sandbox.failNext(method: "utils.resolveScreenName", code: 6, times: 4)
        let error = await failure { try await h.client.resolveScreenName("ivan_petrov") }
        #expect(error == .api(code: 6, message: "Too many requests per second", captcha: nil))
        #expect(await h.sandbox.requests("utils.resolveScreenName").count == 4)
        #expect(h.waits.all.filter { $0 == .seconds(1) }.count == 5)

        // Nothing else is re-sent.
        await h.sandbox.failNext(method: "wall.getComments", code: 10)
        #expect(await failure { try await h.client.comments(VKCommentsQuery(ownerId: Cast.ivan, postId: postId)) }?.code == 10)
        #expect(await h.sandbox.requests("wall.getComments").count == 1)
        await h.stop()
    }

    @Test("the sandbox answers 6 to a fourth request of a service key within a second")
    func sandboxRefusesBursts() async throws {
        let h = try await VKHarness.start()
        let url = "\(h.baseURL)/method/utils.resolveScreenName?screen_name=city_admin&v=5.199&access_token=\(h.config.serviceToken)"
        var codes: [Int?] = []
        for _ in 0..<4 {
            let answer = try await h.http.perform(HTTPRequest(url: url))
            let error = (try JSONSerialization.jsonObject(with: answer.body) as? [String: Any])?["error"] as? [String: Any]
            codes.append(error?["error_code"] as? Int)
        }
        // Unless this loop took over a second, the fourth was one too many.
        let times = await h.sandbox.requests.map(\.at)
        if let first = times.first, let last = times.last, last - first < 1 { #expect(codes == [nil, nil, nil, 6]) }
        await h.stop()
    }

    @Test("the client keeps each key within 3 requests in any second (measured by the sandbox's arrival times)")
    func limiterKeepsTheRate() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        let postId = try await h.sandbox.addPost(ownerId: Cast.ivan, text: "Пост")
        let client = h.client
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<7 {
                group.addTask { _ = try await client.post(ownerId: Cast.ivan, postId: postId) }
            }
            // The community key has its own, larger budget: these do not wait for the reads.
            let community = h.client(community: h.config.communityToken)
            for _ in 0..<5 {
                group.addTask { _ = try await community.resolveScreenName("city_admin") }
            }
            try await group.waitForAll()
        }
        let reads = await h.sandbox.requests("wall.getById")
        #expect(reads.count == 7)
        #expect(reads.allSatisfy { $0.errorCode == nil })
        let times = reads.map(\.at).sorted()
        for index in 3..<times.count {
            #expect(times[index] - times[index - 3] >= 1.0, "requests \(index - 3)…\(index) within \(times[index] - times[index - 3]) s")
        }
        let names = await h.sandbox.requests("utils.resolveScreenName").map(\.at).sorted()
        #expect(names.count == 5)
        #expect((names.last ?? 0) - (names.first ?? 0) < 1.0)
        await h.stop()
    }

    @Test("keys never appear in error texts: VK's message echoing a key, a refused key, a dead server")
    func keysRedacted() async throws {
        let h = try await VKHarness.start()
        await Cast.add(to: h.sandbox)
        await h.sandbox.failNext(method: "wall.getById", code: 5,
                                 message: "User authorization failed: invalid access_token \(h.config.serviceToken).")
        let echoed = await failure { try await h.client.post(ownerId: Cast.ivan, postId: 1) }
        #expect(echoed == .api(code: 5, message: "User authorization failed: invalid access_token ***.", captcha: nil))

        await h.sandbox.failNext(method: "wall.createComment", code: 100, message: "bad message: \(h.config.communityToken)")
        let comment = VKNewComment(ownerId: Cast.ivan, postId: 1, fromGroup: h.community, message: "x", guid: "g")
        let echoedCommunity = await failure { try await h.client.createComment(comment) }

        let forged = "vk1.a.forged-key-1111111111111111"
        let unknownKey = await failure { try await h.client(service: forged).post(ownerId: Cast.ivan, postId: 1) }

        await h.sandbox.stop()
        let dead = await failure { try await h.client.post(ownerId: Cast.ivan, postId: 1) }
        guard case .ambiguous? = dead else { Issue.record("a dead server is not ambiguous: \(String(describing: dead))"); return }
        let deadUpload = await failure {
            try await h.client.uploadWallPhoto(groupId: h.community, data: onePixelPNG, filename: "a.png", mimeType: "image/png")
        }

        for error in [echoed, echoedCommunity, unknownKey, dead, deadUpload] {
            let text = String(describing: error) + String(reflecting: error)
            #expect(error != nil)
            for key in h.tokens + [forged] { #expect(!text.contains(key), "\(text)") }
        }
        h.http.shutdown()
    }
}
