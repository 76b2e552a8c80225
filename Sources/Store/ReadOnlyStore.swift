import Foundation
import GRDB

extension AppDatabase {
    /// Opens an existing store for reading only, safe while the service writes it: never creates the
    /// file, never migrates. Refuses a store of another schema version, whose tables may differ.
    public static func openForReading(path: String) throws(StoreError) -> AppDatabase {
        let database = AppDatabase(writer: try openReadOnly(path: path), path: path)
        let missing: Set<String>
        do {
            missing = try database.unappliedMigrations(path)
        } catch {
            throw StoreFile.explain(error, path: path)
        }
        if !missing.isEmpty { throw .olderSchema(path: path, missingMigrations: missing.sorted()) }
        return database
    }
}
