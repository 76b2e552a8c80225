import Foundation
import GRDB

extension StoreTransaction {
    /// The dashboard's signing key: made once (from `make`, 32 random bytes) and kept in the store, so
    /// links and sessions survive a restart and a backup carries it.
    public func dashboardKey(make: () -> Data) throws -> Data {
        if let key = try Data.fetchOne(db, sql: "SELECT key FROM dashboardKey WHERE id = 1") { return key }
        let key = make()
        try db.execute(sql: "INSERT INTO dashboardKey (id, key) VALUES (1, ?)", arguments: [key])
        return key
    }

    /// Marks a login link's nonce used; false when it was used before.
    public func useDashboardLogin(nonce: String, personId: Int64, at now: Date) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO dashboardLogin (nonce, personId, usedAt) VALUES (?, ?, ?)",
                       arguments: [nonce, personId, StoreDate.text(now)])
        return db.changesCount > 0
    }
}
