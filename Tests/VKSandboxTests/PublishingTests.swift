import CurlTransport
import Foundation
import Testing
import VKAPI
import VKSandbox

@Suite("VK sandbox: publishing comments, refusals, captcha, lost answers, photos", .timeLimit(.minutes(1)))
struct PublishingTests {
    /// A harness with the cast and a post on the city page with a resident's comment (and a reply to it).
    private func setUp(commentsPerMinute: Int = 3, repliesPerThread: Int? = nil) async throws
        -> (h: VKHarness, postId: Int64, question: Int64, reply: Int64) {
        let h = try await VKHarness.start(commentsPerMinute: commentsPerMinute, repliesPerThread: repliesPerThread)
        await Cast.add(to: h.sandbox)
        let postId = try await h.sandbox.addPost(ownerId: -Cast.overheard, text: "Яма на Ленина, 5")
        let question = try await h.sandbox.addComment(ownerId: -Cast.overheard, postId: postId, fromId: Cast.ivan, text: "Когда заделают?")
        let reply = try await h.sandbox.addComment(ownerId: -Cast.overheard, postId: postId, fromId: Cast.olga, text: "Никогда",
                                                   replyTo: question)
        return (h, postId, question, reply)
    }

    private func answer(_ postId: Int64, _ h: VKHarness, _ message: String, guid: String = "case-1", replyTo: Int64? = nil,
                        attachments: [String] = [], captcha: VKCaptchaAnswer? = nil) -> VKNewComment {
        VKNewComment(ownerId: -Cast.overheard, postId: postId, fromGroup: h.community, message: message, replyToComment: replyTo,
                     attachments: attachments, guid: guid, captcha: captcha)
    }

    @Test("a text comment goes as the community with the community key; a reply lands in the root's thread")
    func commentAndReply() async throws {
        let (h, postId, question, reply) = try await setUp()
        let created = try await h.client.createComment(answer(postId, h, "Здравствуйте! Заделают до 1 июня.", guid: "case-1"))
        #expect(created.parentsStack ?? [] == [])
        let answered = try await h.client.createComment(answer(postId, h, "Ольга, это не так: работы начаты.", guid: "case-2",
                                                               replyTo: reply))
        #expect(answered.parentsStack == [question])

        let mine = await h.sandbox.createdComments
        #expect(mine.map(\.id) == [created.commentId, answered.commentId])
        #expect(mine.allSatisfy { $0.fromId == -h.community && $0.createdWith == .community })
        #expect(mine.map(\.guid) == ["case-1", "case-2"])
        #expect(mine[0].threadRoot == nil && mine[0].replyToComment == nil)
        #expect(mine[1].threadRoot == question && mine[1].replyToComment == reply && mine[1].replyToUser == Cast.olga)

        let calls = await h.sandbox.requests("wall.createComment")
        #expect(calls.map(\.tokenKind) == [.community, .community])
        #expect(calls.allSatisfy { $0.parameters["from_group"] == String(h.community) })
        // Read back through the API, the reply is in the thread.
        let thread = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, threadOf: question))
        #expect(thread.items.map(\.id) == [reply, answered.commentId])
        #expect(thread.groups?.map(\.id) == [h.community])
        await h.stop()
    }

    @Test("the same guid again answers the same comment id and makes no second comment")
    func guidDedupe() async throws {
        let (h, postId, _, _) = try await setUp()
        let first = try await h.client.createComment(answer(postId, h, "Ответ администрации", guid: "case-7"))
        let again = try await h.client.createComment(answer(postId, h, "Ответ администрации", guid: "case-7"))
        #expect(again.commentId == first.commentId)
        #expect(await h.sandbox.createdComments.count == 1)
        #expect(await h.sandbox.requests("wall.createComment").count == 2)
        let other = try await h.client.createComment(answer(postId, h, "Другой ответ", guid: "case-8"))
        #expect(other.commentId != first.commentId)
        await h.stop()
    }

    @Test("a hyperlink in the text answers 222; plain text with dots passes")
    func hyperlinks() async throws {
        let (h, postId, _, _) = try await setUp(commentsPerMinute: 10)
        let forbidden = VKAPIError.api(code: 222, message: "Hyperlinks are forbidden", captcha: nil)
        for (index, text) in ["Подробнее: https://city.ru/news", "Смотрите http://example.com", "Запись на gosuslugi.ru",
                              "Коротко: vk.cc/aBcD", "www.city-adm", "Сайт ГОРОД.РФ"].enumerated() {
            #expect(await failure { try await h.client.createComment(answer(postId, h, text, guid: "l\(index)")) } == forbidden, "\(text)")
        }
        _ = try await h.client.createComment(answer(postId, h, "Т.е. работы на ул. Ленина, д. 5 завершат к 1.06.", guid: "ok"))
        #expect(await h.sandbox.createdComments.map(\.text) == ["Т.е. работы на ул. Ленина, д. 5 завершат к 1.06."])
        await h.stop()
    }

    @Test("a reply to a comment that does not exist answers 100; a deleted comment with replies stays listed as deleted")
    func missingAndDeletedComments() async throws {
        let (h, postId, question, reply) = try await setUp()
        #expect(await failure { try await h.client.createComment(answer(postId, h, "Ответ", replyTo: 999_999)) }
            == .api(code: 100, message: "One of the parameters specified was missing or invalid: reply_to_comment is invalid", captcha: nil))
        try await h.sandbox.deleteComment(ownerId: -Cast.overheard, commentId: question)
        let top = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId))
        #expect(top.items.map(\.id) == [question])
        #expect(top.items.first?.deleted == true)
        #expect(top.items.first?.text == "")
        #expect(top.items.first?.thread?.count == 1)
        try await h.sandbox.deleteComment(ownerId: -Cast.overheard, commentId: reply)
        #expect(try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId)).items.isEmpty)
        // The post is gone: its comments cannot be read or answered.
        try await h.sandbox.deletePost(ownerId: -Cast.overheard, postId: postId)
        #expect(await failure { try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId)) }?.code == 212)
        #expect(await failure { try await h.client.createComment(answer(postId, h, "Ответ", guid: "late")) }?.code == 100)
        #expect(await h.sandbox.createdComments.isEmpty)
        await h.stop()
    }

    @Test("closed comments answer 213, and so does a foreign post that communities may not comment")
    func closedComments() async throws {
        let (h, postId, _, _) = try await setUp()
        let denied = VKAPIError.api(code: 213, message: "Access to status replies denied", captcha: nil)
        try await h.sandbox.closeComments(ownerId: -Cast.overheard, postId: postId)
        #expect(await failure { try await h.client.createComment(answer(postId, h, "Ответ")) } == denied)
        let noGroups = try await h.sandbox.addPost(ownerId: -Cast.overheard, text: "Только люди", groupsCanPost: false)
        #expect(await failure { try await h.client.createComment(answer(noGroups, h, "Ответ", guid: "g2")) } == denied)
        let read = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: noGroups))
        #expect(read.groupsCanPost == false)
        #expect(await h.sandbox.createdComments.isEmpty)
        await h.stop()
    }

    @Test("more comments in a minute than allowed answer 9 (flood control) until the minute passes; too many replies, 223")
    func floodAndReplies() async throws {
        let (h, postId, question, _) = try await setUp(commentsPerMinute: 2, repliesPerThread: 1)
        _ = try await h.client.createComment(answer(postId, h, "Раз", guid: "1", replyTo: question))
        #expect(await failure { try await h.client.createComment(answer(postId, h, "Ещё ответ", guid: "2", replyTo: question)) }
            == .api(code: 223, message: "Too many replies", captcha: nil))
        _ = try await h.client.createComment(answer(postId, h, "Два", guid: "3"))
        #expect(await failure { try await h.client.createComment(answer(postId, h, "Три", guid: "4")) }
            == .api(code: 9, message: "Flood control", captcha: nil))
        h.date.advance(61)
        _ = try await h.client.createComment(answer(postId, h, "Три", guid: "4"))
        #expect(await h.sandbox.createdComments.map(\.text) == ["Раз", "Два", "Три"])
        await h.stop()
    }

    @Test("captcha: error 14 with a picture; a wrong answer gets a new one; the right key goes through")
    func captchaRoundTrip() async throws {
        let (h, postId, _, _) = try await setUp()
        await h.sandbox.captchaNext(method: "wall.createComment")
        let text = "Ответ на вопрос"
        guard case let .api(14, message, captcha?)? = await failure({ try await h.client.createComment(answer(postId, h, text)) }) else {
            Issue.record("no captcha asked"); await h.stop(); return
        }
        #expect(message == "Captcha needed")
        #expect(captcha.img.hasSuffix("/captcha/\(captcha.sid).png"))
        let picture = try await h.download(captcha.img)
        #expect(picture.status == 200)
        #expect(picture.body.starts(with: [0x89, 0x50, 0x4E, 0x47]))

        let wrong = await failure { try await h.client.createComment(answer(postId, h, text, captcha: VKCaptchaAnswer(sid: captcha.sid, key: "wrong"))) }
        guard case let .api(14, _, second?)? = wrong else { Issue.record("a wrong key was taken"); await h.stop(); return }
        #expect(second.sid != captcha.sid)
        #expect(await h.sandbox.createdComments.isEmpty)

        let key = try #require(await h.sandbox.captchaKey(second.sid))
        let created = try await h.client.createComment(answer(postId, h, text, captcha: VKCaptchaAnswer(sid: second.sid, key: key)))
        #expect(await h.sandbox.createdComments.map(\.id) == [created.commentId])
        let calls = await h.sandbox.requests("wall.createComment")
        #expect(calls.map(\.errorCode) == [14, 14, nil])
        #expect(calls[2].parameters["captcha_sid"] == second.sid)
        // The key a person typed is not kept in the log.
        #expect(calls.allSatisfy { $0.parameters["captcha_key"] == nil })
        await h.stop()
    }

    @Test("an answer lost after the comment was made is ambiguous; the same guid then finds the comment, no duplicate")
    func lostAnswers() async throws {
        let (h, postId, _, _) = try await setUp()
        await h.sandbox.dropAfterCommit(method: "wall.createComment", mode: .closeConnection)
        let lost = await failure { try await h.client.createComment(answer(postId, h, "Ответ", guid: "case-9")) }
        guard case .ambiguous? = lost else { Issue.record("not ambiguous: \(String(describing: lost))"); await h.stop(); return }
        #expect(await h.sandbox.createdComments.count == 1)
        let retried = try await h.client.createComment(answer(postId, h, "Ответ", guid: "case-9"))
        #expect(await h.sandbox.createdComments.map(\.id) == [retried.commentId])

        await h.sandbox.dropAfterCommit(method: "wall.createComment", mode: .badGateway)
        let gateway = await failure { try await h.client.createComment(answer(postId, h, "Второй", guid: "case-10")) }
        guard case let .ambiguous(text)? = gateway else { Issue.record("502 not ambiguous"); await h.stop(); return }
        #expect(text.contains("HTTP 502"))
        #expect(await h.sandbox.createdComments.count == 2)
        #expect(await h.sandbox.requests("wall.createComment").map(\.dropped) == [true, false, true])
        await h.stop()
    }

    @Test("a slow answer beyond the client's patience is ambiguous; the sandbox still makes the comment")
    func slowAnswer() async throws {
        let (h, postId, _, _) = try await setUp()
        await h.sandbox.delayNext(method: "wall.createComment", by: .milliseconds(1500))
        var options = CurlOptions(defaultTimeout: .milliseconds(500))
        options.secrets = h.tokens
        let http = CurlHTTPClient(options: options, workers: 1, name: "vk-slow")
        defer { http.shutdown() }
        let impatient = CurlVKClient(baseURL: h.baseURL, serviceToken: nil, communityToken: h.config.communityToken, userToken: nil,
                                     http: http)
        guard case .ambiguous? = await failure({ try await impatient.createComment(answer(postId, h, "Медленно", guid: "slow")) }) else {
            Issue.record("a timeout was not ambiguous"); await h.stop(); return
        }
        #expect(await h.sandbox.createdComments.isEmpty)
        // The request is still on its way in: it takes effect once the delay is over.
        var tries = 0
        while await h.sandbox.createdComments.isEmpty, tries < 40 {
            tries += 1
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await h.sandbox.createdComments.map(\.guid) == ["slow"])
        await h.stop()
    }

    @Test("photos: uploaded with the editor's key (no key to the upload host), attached with the user key and from_group")
    func uploadAndAttach() async throws {
        let (h, postId, question, _) = try await setUp()
        let photo = try await h.client.uploadWallPhoto(groupId: h.community, data: onePixelPNG, filename: "yama.png", mimeType: "image/png")
        #expect(photo.ownerId == -h.community)
        #expect(await h.sandbox.uploadedPhotos == [photo.attachmentID])
        let url = try #require(photo.largestURL)
        #expect(try await h.download(url).body == onePixelPNG)

        let steps = await h.sandbox.requests.filter { $0.method != "photo" }
        #expect(steps.map(\.method) == ["photos.getWallUploadServer", "upload", "photos.saveWallPhoto"])
        #expect(steps.map(\.tokenKind) == [.user, nil, .user])
        #expect(steps.map(\.carriedToken) == [true, false, true])
        #expect(steps.first?.parameters["group_id"] == String(h.community))

        let created = try await h.client.createComment(answer(postId, h, "Работы выполнены, фото прилагаем.", guid: "case-3",
                                                              replyTo: question, attachments: [photo.attachmentID]))
        let stored = try #require(await h.sandbox.createdComments.first)
        #expect(stored.id == created.commentId)
        #expect(stored.fromId == -h.community)
        #expect(stored.createdWith == .user)
        #expect(stored.attachments == [photo.attachmentID])
        let call = try #require(await h.sandbox.requests("wall.createComment").first)
        #expect(call.tokenKind == .user)
        #expect(call.parameters["from_group"] == String(h.community))
        #expect(call.parameters["attachments"] == photo.attachmentID)

        // Read back, the comment carries the photo.
        let thread = try await h.client.comments(VKCommentsQuery(ownerId: -Cast.overheard, postId: postId, threadOf: question))
        #expect(thread.items.last?.attachments?.compactMap(\.photo?.attachmentID) == [photo.attachmentID])

        // Bytes that are not an image: the host keeps nothing.
        guard case .decoding? = await failure({
            try await h.client.uploadWallPhoto(groupId: h.community, data: Data("not an image".utf8), filename: "a.txt", mimeType: "text/plain")
        }) else { Issue.record("a non-image upload was not refused"); await h.stop(); return }
        await h.stop()
    }
}
