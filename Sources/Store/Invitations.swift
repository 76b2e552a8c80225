import Casework
import Foundation
import GRDB
import Messaging

/// An invitation link's record; the token itself is never stored, only its SHA-256.
public struct InvitationRecord: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "invitation"
    public var tokenHash: Data
    public var role: Role
    public var departmentId: String?
    public var createdBy: Int64
    public var createdAt: Date
    public var expiresAt: Date
    public var usedBy: Int64?
    public var usedAt: Date?
}

/// Why an invitation did not let someone in.
public enum InvitationRefusal: Error, Sendable, Equatable {
    case unknown
    case expired
    case alreadyUsed
}

extension StoreTransaction {
    /// Stores a new invitation for a role (an executor's names the department).
    public func createInvitation(tokenHash: Data, role: Role, departmentId: String?, createdBy: Int64,
                                 at now: Date, expiresAt: Date) throws {
        try InvitationRecord(tokenHash: tokenHash, role: role, departmentId: departmentId, createdBy: createdBy,
                             createdAt: now, expiresAt: expiresAt).insert(db)
    }

    /// Lets a person in by an invitation: adds them (or reactivates them) with its role and marks it used.
    /// A refusal changes nothing.
    /// Redeems an invitation for the person at `address` (the person `personId` the store knows there,
    /// or a new one with that id), who is then reached there.
    public func redeemInvitation(tokenHash: Data, personId: Int64, address: Address, name: String, at now: Date) throws
        -> Result<Actor, InvitationRefusal> {
        guard var invitation = try InvitationRecord.fetchOne(db, key: tokenHash) else { return .failure(.unknown) }
        guard invitation.usedBy == nil else { return .failure(.alreadyUsed) }
        guard now < invitation.expiresAt else { return .failure(.expired) }

        var row = try PersonRow.fetchOne(db, key: personId)
            ?? PersonRow(id: personId, name: name, departmentId: nil, source: .invitation, active: true,
                         unreachable: false, joinedAt: now, revokedAt: nil)
        if !row.active {
            row.active = true
            row.revokedAt = nil
        }
        if let department = invitation.departmentId { row.departmentId = department }
        try row.upsert(db)
        try addAddress(address, personId: personId)
        try prefer(address, personId: personId)
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO personRole (personId, role, grantedBy) VALUES (?, ?, 'invitation')").execute(
                    arguments: [personId, invitation.role.rawValue])
        invitation.usedBy = personId
        invitation.usedAt = now
        try invitation.update(db)
        let roles = try PersonRoleRow.filter(Column("personId") == personId).fetchAll(db).map(\.role)
        return .success(Actor(personId: personId, roles: Set(roles), departmentId: row.departmentId))
    }

    /// Invitations not yet used nor expired, newest first.
    public func openInvitations(at now: Date) throws -> [InvitationRecord] {
        try InvitationRecord.filter(sql: "usedBy IS NULL AND expiresAt > ?", arguments: [now])
            .order(Column("createdAt").desc).fetchAll(db)
    }
}
