import Foundation
import GRDB
import Messaging

// People's addresses: where each person is reached (messenger, id there). The bot knows a person by
// their person id; a Telegram person keeps their Telegram id as it (as before MAX), someone who first
// comes from MAX gets `maxOffset + their MAX id`, a range Telegram never uses (its ids have at most
// 52 significant bits), so ids stay unique without a counter and a stranger has one before joining.

public enum PersonIds {
    /// 2^53: where person ids of people who came from MAX begin.
    public static let maxOffset: Int64 = 1 << 53

    /// The person id someone first seen at `address` gets.
    public static func firstId(for address: Address) -> Int64? {
        switch address.messenger {
        case .telegram: return address.id > 0 && address.id < maxOffset ? address.id : nil
        case .max: return address.id > 0 && address.id <= Int64.max - maxOffset ? maxOffset + address.id : nil
        }
    }

    /// The address a person id was made from (for someone the store has no address of yet: a stranger).
    public static func firstAddress(of personId: Int64) -> Address {
        personId >= maxOffset ? Address(.max, personId - maxOffset) : Address(.telegram, personId)
    }
}

extension StoreTransaction {
    /// The person reached at `address`, if the store knows one.
    public func personId(at address: Address) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT personId FROM personAddress WHERE messenger = ? AND externalId = ?"),
                           arguments: [address.messenger.rawValue, address.id])
    }

    /// Where the bot writes to a person: the address they last wrote from, else the one their id was
    /// made from.
    public func address(ofPerson personId: Int64) throws -> Address {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT messenger, externalId FROM personAddress WHERE personId = ? ORDER BY preferred DESC, rowid LIMIT 1
            """), arguments: [personId])
        guard let row, let messenger = Messenger(rawValue: row[0]) else { return PersonIds.firstAddress(of: personId) }
        return Address(messenger, row[1])
    }

    /// Every address of a person.
    public func addresses(ofPerson personId: Int64) throws -> [Address] {
        try Row.fetchAll(db, sql: "SELECT messenger, externalId FROM personAddress WHERE personId = ? ORDER BY rowid",
                         arguments: [personId]).compactMap { row in Messenger(rawValue: row[0]).map { Address($0, row[1]) } }
    }

    /// Records that `personId` is reached at `address` (no change if it already is).
    public func addAddress(_ address: Address, personId: Int64) throws {
        try db.cachedStatement(sql: """
            INSERT INTO personAddress (messenger, externalId, personId, preferred) VALUES (?, ?, ?, 0)
            ON CONFLICT (messenger, externalId) DO UPDATE SET personId = excluded.personId
            """).execute(arguments: [address.messenger.rawValue, address.id, personId])
    }

    /// The person wrote from `address`: the bot answers there from now on. Writes only on a change of messenger.
    public func prefer(_ address: Address, personId: Int64) throws {
        try db.cachedStatement(sql: """
            UPDATE personAddress SET preferred = (messenger = ?1 AND externalId = ?2)
            WHERE personId = ?3 AND preferred <> (messenger = ?1 AND externalId = ?2)
            """).execute(arguments: [address.messenger.rawValue, address.id, personId])
    }
}
