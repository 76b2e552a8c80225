import Foundation
import GRDB

extension AppDatabase {
    /// Opens the store file at `path` for reading only, without migrating or changing it: safe while the
    /// service writes (WAL readers see the last commit), and usable with any schema version.
    static func openReadOnly(path: String) throws(StoreError) -> DatabaseQueue {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path: path) }
        var config = configuration()
        config.readonly = true
        do {
            return try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw StoreFile.explain(error, path: path)
        }
    }
}
