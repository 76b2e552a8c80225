import Casework
import Foundation
import Messaging
import GRDB
import OtklikTesting
import Testing
@testable import Store

@Suite struct StaffTests {
    @Test func staffFromConfigBecomesActors() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        #expect(try await database.actor(personId: Staff.specialist) == Actor(personId: Staff.specialist, roles: [.specialist, .admin]))
        #expect(try await database.actor(personId: Staff.executor) == Actor(personId: Staff.executor, roles: [.executor], departmentId: "roads"))
        #expect(try await database.actor(personId: 999) == nil)
        #expect(try await database.people(inDepartment: "roads").map(\.id) == [Staff.executor, Staff.otherExecutor])
        #expect(try await database.people(withRole: .head).map(\.name) == ["Сидорова Мария"])
        #expect(try await database.departments().map(\.id) == ["parks", "roads"])
        #expect(try await database.departments().last?.keywords == ["дорог", "ям"])
    }

    /// Someone listed by MAX id alone gets a person id of the MAX range; someone with both ids is one
    /// person reached at either, answered on the messenger they last wrote from.
    @Test func peopleOnMAXAndOnBoth() throws {
        let database = try AppDatabase.inMemory()
        try database.write { db in
            try db.syncStaff(departments: Staff.departments, people: [
                ConfiguredPerson(addresses: [Address(.max, 77)], name: "Макс Максимов", roles: [.specialist, .admin], departmentId: nil),
                ConfiguredPerson(addresses: [Address(.telegram, 5), Address(.max, 88)], name: "Оба", roles: [.head], departmentId: nil),
            ], at: instant())
            let maxOnly = try #require(try db.personId(at: Address(.max, 77)))
            #expect(maxOnly == PersonIds.maxOffset + 77)
            #expect(try db.actor(personId: maxOnly)?.roles == [.specialist, .admin])
            #expect(try db.address(ofPerson: maxOnly) == Address(.max, 77))
            #expect(try db.personId(at: Address(.telegram, 5)) == 5 && db.personId(at: Address(.max, 88)) == 5)
            #expect(try db.address(ofPerson: 5) == Address(.telegram, 5))
            try db.prefer(Address(.max, 88), personId: 5)
            #expect(try db.address(ofPerson: 5) == Address(.max, 88))
            // A stranger is reached where their id came from.
            #expect(try db.address(ofPerson: PersonIds.maxOffset + 99) == Address(.max, 99))
            // A later sync that adds a Telegram id keeps the person the MAX id made.
            try db.syncStaff(departments: Staff.departments, people: [
                ConfiguredPerson(addresses: [Address(.max, 77), Address(.telegram, 7)], name: "Макс Максимов", roles: [.specialist, .admin], departmentId: nil),
            ], at: instant(1))
            #expect(try db.personId(at: Address(.telegram, 7)) == maxOnly)
        }
    }

    @Test func resyncFollowsTheConfigButKeepsInvitedPeople() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        let hash = Data(repeating: 7, count: 32)
        try await database.createInvitation(tokenHash: hash, role: .executor, departmentId: "parks",
                                            createdBy: Staff.specialist, at: instant(), expiresAt: instant(72))
        _ = try await database.redeemInvitation(tokenHash: hash, personId: 400001, name: "Новикова Ольга", at: instant(1))

        // staff.yaml changes: parks goes, the executor moves to head, the other executor is no longer listed.
        let people = [
            ConfiguredPerson(addresses: [Address(.telegram, Staff.specialist)], name: "Иванова Анна", roles: [.specialist, .admin], departmentId: nil),
            ConfiguredPerson(addresses: [Address(.telegram, Staff.executor)], name: "Петров Пётр", roles: [.head], departmentId: nil),
            ConfiguredPerson(addresses: [Address(.telegram, Staff.head)], name: "Сидорова Мария", roles: [.head], departmentId: nil),
        ]
        try await database.syncStaff(departments: [Staff.departments[0]], people: people, at: instant(2))

        #expect(try await database.actor(personId: Staff.executor) == Actor(personId: Staff.executor, roles: [.head]))
        #expect(try await database.actor(personId: Staff.otherExecutor) == nil)
        let former = try #require(try await database.person(id: Staff.otherExecutor))
        #expect(!former.active && former.revokedAt == instant(2))
        // Joined by invitation: untouched, even though the department left the config (it stays, inactive).
        #expect(try await database.actor(personId: 400001) == Actor(personId: 400001, roles: [.executor], departmentId: "parks"))
        #expect(try await database.departments().map(\.id) == ["roads"])
        #expect(try await database.departments(includingInactive: true).map(\.id) == ["parks", "roads"])
        #expect(try await database.allPeople().count == 5)
    }

    @Test func revokingTakesEveryRoleAndUnreachablePeopleAreListed() async throws {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        try await database.revoke(personId: Staff.otherExecutor, at: instant(1))
        #expect(try await database.actor(personId: Staff.otherExecutor) == nil)
        #expect(try await database.people(inDepartment: "roads").map(\.id) == [Staff.executor])
        try await database.markUnreachable(personId: Staff.head, true)
        #expect(try await database.status(now: instant()).unreachablePeople.map(\.id) == [Staff.head])
        try await database.markUnreachable(personId: Staff.head, false)
        #expect(try await database.status(now: instant()).unreachablePeople.isEmpty)
    }
}

@Suite struct InvitationTests {
    let hash = Data(repeating: 0xAB, count: 32)

    func store() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        try Staff.seed(database)
        try await database.createInvitation(tokenHash: hash, role: .executor, departmentId: "parks",
                                            createdBy: Staff.specialist, at: instant(), expiresAt: instant(72))
        return database
    }

    @Test func anInvitationLetsOnePersonIn() async throws {
        let database = try await store()
        let result = try await database.redeemInvitation(tokenHash: hash, personId: 400001, name: "Новикова Ольга", at: instant(1))
        #expect(result == .success(Actor(personId: 400001, roles: [.executor], departmentId: "parks")))
        let person = try #require(try await database.person(id: 400001))
        #expect(person.source == .invitation && person.joinedAt == instant(1) && person.name == "Новикова Ольга")
        let again = try await database.redeemInvitation(tokenHash: hash, personId: 400002, name: "Другой", at: instant(2))
        #expect(again == .failure(.alreadyUsed))
        #expect(try await database.person(id: 400002) == nil)
    }

    @Test func anExpiredInvitationAddsNobody() async throws {
        let database = try await store()
        let result = try await database.redeemInvitation(tokenHash: hash, personId: 400001, name: "Поздний", at: instant(72))
        #expect(result == .failure(.expired))
        #expect(try await database.person(id: 400001) == nil)
        #expect(try await database.read { try $0.openInvitations(at: instant(71)).count } == 1)
    }

    @Test func anUnknownTokenAddsNobody() async throws {
        let database = try await store()
        let result = try await database.redeemInvitation(tokenHash: Data(repeating: 1, count: 32), personId: 400001,
                                                         name: "Гость", at: instant(1))
        #expect(result == .failure(.unknown))
        #expect(try await database.allPeople().count == 4)
    }

    @Test func aRevokedPersonReturnsWithTheInvitedRoleOnly() async throws {
        let database = try await store()
        try await database.revoke(personId: Staff.head, at: instant(1))
        let result = try await database.redeemInvitation(tokenHash: hash, personId: Staff.head, name: "Сидорова Мария", at: instant(2))
        #expect(result == .success(Actor(personId: Staff.head, roles: [.executor], departmentId: "parks")))
    }

    @Test func redeemingIsAtomic() async throws {
        let database = try await store()
        // The whole redemption rolls back when the transaction around it fails.
        await #expect(throws: StoreError.self) {
            try await database.write { db in
                _ = try db.redeemInvitation(tokenHash: hash, personId: 400001, address: Address(.telegram, 400001), name: "Новикова Ольга", at: instant(1))
                throw StoreError.caseNotFound(0)
            }
        }
        #expect(try await database.person(id: 400001) == nil)
        #expect(try await database.read { try $0.openInvitations(at: instant(1)).count } == 1)
    }
}
