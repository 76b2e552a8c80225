import Casework
import Foundation
@testable import Store
import Testing

@Suite struct VKReadTests {
    let address = VKPostAddress(ownerId: -5, postId: 10, commentId: 11, threadId: 9)

    @Test func aReadWaitsPendingThenItsResultSettlesTheIntakeThatAsked() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let address = self.address
        try await database.write { db in try db.requestVKRead(address, for: Staff.specialist, at: instant()) }
        let pending = try await database.read { db in try db.pendingVKReads(limit: 8) }
        #expect(pending.map(\.address) == [address] && pending.first?.result == nil && pending.first?.requestedAt == instant())

        let post = VKPost(address: address, text: "Во дворе яма", authorName: "Иван Петров", authorKey: "vk:42",
                          postedAt: instant(-1), photoURLs: ["https://sun.userapi.com/1.jpg"], threadRootId: 9)
        let finished = try await database.write { db in
            try db.finishVKRead(address, requestedAt: instant(), result: .read(post), at: instant(0.001))
        }
        #expect(finished)
        let record = try await database.read { db in try db.vkRead(address) }
        #expect(record?.result == .read(post))
        #expect(try await database.read { db in try db.pendingVKReads(limit: 8) }.isEmpty)
        let settle = try await database.read { db in try db.dueTimer(kind: .settle, personId: Staff.specialist, upTo: instant(0.001)) }
        #expect(settle != nil, "the intake waiting for it settles at once")
    }

    @Test func aResultForARequestAskedAgainMeanwhileIsNotTaken() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let address = self.address
        try await database.write { db in try db.requestVKRead(address, for: Staff.specialist, at: instant()) }
        try await database.write { db in try db.requestVKRead(address, for: Staff.specialist, at: instant(0.1)) }
        let stale = try await database.write { db in
            try db.finishVKRead(address, requestedAt: instant(), result: .deleted, at: instant(0.2))
        }
        #expect(!stale)
        #expect(try await database.read { db in try db.vkRead(address) }?.result == nil)
    }

    @Test func theCaseKeepsWhatVKShowed() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        var post = samplePost()
        post.vkRead = .read(VKPost(address: address, text: "Во дворе яма", authorName: "Иван Петров", postedAt: instant(-2)))
        let id = try await database.write { [post] db in try db.insertCase(post: post, openedBy: Staff.specialist, at: instant()).id }
        #expect(try await database.read { db in try db.storedCase(id: id) }?.post.vkRead == post.vkRead)
        var closed = samplePost()
        closed.vkRead = .closed
        let other = try await database.write { [closed] db in try db.insertCase(post: closed, openedBy: Staff.specialist, at: instant()).id }
        #expect(try await database.read { db in try db.storedCase(id: other) }?.post.vkRead == .closed)
    }
}
