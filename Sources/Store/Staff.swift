import Casework
import Foundation
import GRDB
import Messaging

/// A department as stored; those no longer in staff.yaml stay, inactive, for the cases that name them.
public struct DepartmentRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "department"
    public var id: String
    public var name: String
    /// Word stems that suggest the department when routing.
    public var keywords: [String]
    public var active: Bool

    public init(id: String, name: String, keywords: [String] = [], active: Bool = true) {
        self.id = id; self.name = name; self.keywords = keywords; self.active = active
    }
}

/// How a person or a role came to be: listed in staff.yaml, or by an invitation link.
public enum StaffSource: String, Codable, Sendable {
    case config
    case invitation
}

/// One row of `person`.
struct PersonRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "person"
    var id: Int64
    var name: String
    var departmentId: String?
    var source: StaffSource
    var active: Bool
    var unreachable: Bool
    var joinedAt: Date
    var revokedAt: Date?
}

/// One row of `personRole`.
struct PersonRoleRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "personRole"
    var personId: Int64
    var role: Role
    var grantedBy: StaffSource
}

/// A person with their roles, as `/staff` and notifications need them.
public struct Person: Sendable, Equatable {
    /// The Telegram user id, which is also their private chat id.
    public var id: Int64
    public var name: String
    public var roles: Set<Role>
    public var departmentId: String?
    public var source: StaffSource
    public var active: Bool
    /// Telegram refused to deliver to them (403: blocked the bot); notifications are skipped.
    public var unreachable: Bool
    public var joinedAt: Date
    public var revokedAt: Date?

    /// The person as an actor, when active.
    public var actor: Actor? {
        active ? Actor(personId: id, roles: roles, departmentId: departmentId) : nil
    }
}

/// A department listed in staff.yaml.
public struct ConfiguredDepartment: Sendable, Equatable {
    public var id: String
    public var name: String
    public var keywords: [String]

    public init(id: String, name: String, keywords: [String]) {
        self.id = id; self.name = name; self.keywords = keywords
    }
}

/// A person listed in staff.yaml, with the addresses listed for them.
public struct ConfiguredPerson: Sendable, Equatable {
    public var addresses: [Address]
    public var name: String
    public var roles: Set<Role>
    public var departmentId: String?

    public init(addresses: [Address], name: String, roles: Set<Role>, departmentId: String?) {
        self.addresses = addresses; self.name = name; self.roles = roles; self.departmentId = departmentId
    }
}

extension StoreTransaction {
    /// Makes the store agree with staff.yaml: its departments and people exist and are active with exactly
    /// the listed roles. Departments and people no longer listed are deactivated, never deleted (cases
    /// name them); roles given by invitation are kept.
    public func syncStaff(departments: [ConfiguredDepartment], people: [ConfiguredPerson], at now: Date) throws {
        let listedDepartments = Set(departments.map(\.id))
        for d in departments {
            try DepartmentRecord(id: d.id, name: d.name, keywords: d.keywords, active: true).upsert(db)
        }
        for var old in try DepartmentRecord.fetchAll(db) where old.active && !listedDepartments.contains(old.id) {
            old.active = false
            try old.update(db)
        }

        // A listed person is the one the store knows at any of their addresses, else new.
        let people = try people.compactMap { p -> (id: Int64, ConfiguredPerson)? in
            let known = try p.addresses.lazy.compactMap { try self.personId(at: $0) }.first
            return (known ?? p.addresses.lazy.compactMap(PersonIds.firstId).first).map { ($0, p) }
        }
        let listed = Set(people.map(\.id))
        for (id, p) in people {
            // Stale config roles go first, so that an executor leaving a department never trips the trigger.
            for stale in try PersonRoleRow.filter(Column("personId") == id && Column("grantedBy") == "config")
                .fetchAll(db) where !p.roles.contains(stale.role) {
                try stale.delete(db)
            }
            var row = try PersonRow.fetchOne(db, key: id)
                ?? PersonRow(id: id, name: p.name, departmentId: nil, source: .config, active: true,
                             unreachable: false, joinedAt: now, revokedAt: nil)
            row.name = p.name
            row.source = .config
            row.active = true
            row.revokedAt = nil
            let keepsInvitedDepartment = p.departmentId == nil ? try hasRole(id, .executor) : false
            if !keepsInvitedDepartment { row.departmentId = p.departmentId }
            try row.upsert(db)
            for address in p.addresses { try addAddress(address, personId: id) }
            for role in p.roles.sorted() {
                try db.cachedStatement(sql: """
                    INSERT INTO personRole (personId, role, grantedBy) VALUES (?, ?, 'config')
                    ON CONFLICT (personId, role) DO UPDATE SET grantedBy = 'config'
                    """).execute(arguments: [id, role.rawValue])
            }
        }
        // People once listed but no longer: their config roles go; with no role left they are revoked.
        let formerIds = try Int64.fetchAll(db, sql: "SELECT DISTINCT personId FROM personRole WHERE grantedBy = 'config'")
            .filter { !listed.contains($0) }
        for id in formerIds {
            try db.cachedStatement(sql: "DELETE FROM personRole WHERE personId = ? AND grantedBy = 'config'").execute(arguments: [id])
            if try !hasAnyRole(id) { try revoke(personId: id, at: now) }
        }
    }

    /// The active person as an actor with roles and department, or `nil` (unknown, revoked or without roles).
    public func actor(personId: Int64) throws -> Actor? {
        guard let person = try person(id: personId), person.active, !person.roles.isEmpty else { return nil }
        return person.actor
    }

    /// One person with roles, active or not.
    public func person(id: Int64) throws -> Person? {
        // Every update asks this (who is writing?): prepared once, not per call.
        guard let row = try PersonRow.fetchOne(db.cachedStatement(sql: "SELECT * FROM person WHERE id = ?"), arguments: [id])
        else { return nil }
        return try makePeople([row]).first
    }

    /// Active people of a department.
    public func people(inDepartment departmentId: String) throws -> [Person] {
        try makePeople(PersonRow.filter(sql: "active = 1 AND departmentId = ?", arguments: [departmentId])
            .order(Column("name")).fetchAll(db))
    }

    /// Active people holding a role.
    public func people(withRole role: Role) throws -> [Person] {
        try makePeople(PersonRow.fetchAll(db.cachedStatement(sql: """
            SELECT person.* FROM person JOIN personRole ON personRole.personId = person.id
            WHERE person.active = 1 AND personRole.role = ? ORDER BY person.name
            """), arguments: [role.rawValue]))
    }

    /// Everyone ever known, active or not.
    public func allPeople() throws -> [Person] {
        try makePeople(PersonRow.order(Column("name")).fetchAll(db))
    }

    /// Takes every role away; the person stays for the journal and the cases that name them.
    public func revoke(personId: Int64, at now: Date) throws {
        try db.cachedStatement(sql: "DELETE FROM personRole WHERE personId = ?").execute(arguments: [personId])
        try db.cachedStatement(sql: "UPDATE person SET active = 0, revokedAt = ? WHERE id = ? AND active = 1").execute(
                    arguments: [now, personId])
    }

    /// Records whether Telegram can reach the person (a 403 makes them unreachable until they write again).
    public func markUnreachable(personId: Int64, _ unreachable: Bool) throws {
        try db.cachedStatement(sql: "UPDATE person SET unreachable = ? WHERE id = ?").execute(arguments: [unreachable, personId])
    }

    /// Departments by name; inactive ones only when asked.
    public func departments(includingInactive: Bool = false) throws -> [DepartmentRecord] {
        let request = DepartmentRecord.order(Column("name"))
        return try (includingInactive ? request : request.filter(Column("active") == true)).fetchAll(db)
    }

    func hasRole(_ personId: Int64, _ role: Role) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM personRole WHERE personId = ? AND role = ?)"),
                          arguments: [personId, role.rawValue]) ?? false
    }

    func hasAnyRole(_ personId: Int64) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM personRole WHERE personId = ?)"),
                          arguments: [personId]) ?? false
    }

    func makePeople(_ rows: [PersonRow]) throws -> [Person] {
        try rows.map { row in
            let roles = try PersonRoleRow.fetchAll(db.cachedStatement(sql: "SELECT * FROM personRole WHERE personId = ?"),
                                                   arguments: [row.id]).map(\.role)
            return Person(id: row.id, name: row.name, roles: Set(roles), departmentId: row.departmentId,
                          source: row.source, active: row.active, unreachable: row.unreachable,
                          joinedAt: row.joinedAt, revokedAt: row.revokedAt)
        }
    }
}
