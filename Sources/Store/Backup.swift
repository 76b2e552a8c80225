import Foundation
import GRDB

extension AppDatabase {
    /// Copies the store into a new file at `target` (mode 0600) with SQLite's online backup: a consistent
    /// snapshot even while writes go on. The copy is made beside the target and renamed into place, so a
    /// failed backup leaves no half file.
    public func backup(to target: String, replacing: Bool = false) throws(StoreError) {
        try Self.copy(from: writer, to: target, replacing: replacing)
    }

    /// Backs up the store file at `source` while another process (the service) may be writing it.
    /// Opens it without migrating or changing it, so any schema version can be copied.
    public static func backup(storeAt source: String, to target: String, replacing: Bool = false) throws(StoreError) {
        try copy(from: try readOnlyQueue(source), to: target, replacing: replacing)
    }

    private static func copy(from source: any DatabaseReader, to target: String, replacing: Bool) throws(StoreError) {
        if !replacing && FileManager.default.fileExists(atPath: target) { throw .backupTargetExists(path: target) }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let partial = URL(fileURLWithPath: folder)
            .appendingPathComponent(".\(URL(fileURLWithPath: target).lastPathComponent).partial-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: partial) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotOpen(path: target, reason: "cannot create the folder \(folder)")
        }
        try StoreFile.createPrivate(partial)
        do {
            // A plain rollback-journal file: one self-contained file to move around.
            let destination = try DatabaseQueue(path: partial)
            // One step copies every page under one read snapshot.
            try source.backup(to: destination)
            // The pages carry the source's WAL flag; a rollback-journal copy never needs a -wal beside it.
            try destination.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = DELETE") }
            try destination.close()
        } catch {
            throw StoreFile.explain(error, path: target)
        }
        if !replacing && FileManager.default.fileExists(atPath: target) { throw .backupTargetExists(path: target) }
        guard rename(partial, target) == 0 else {
            throw .cannotOpen(path: target, reason: StoreFile.reason(errno))
        }
    }
}
