/// Why the store could not do what was asked. Descriptions name the file and say what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has migrations this binary does not know: a newer otklik wrote it.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file lacks migrations this binary has: the service has not yet run this version.
    case olderSchema(path: String, missingMigrations: [String])
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// SQLite found the file damaged.
    case corrupt(path: String, detail: String)
    /// The file (or its folder) cannot be written.
    case readOnly(path: String)
    /// The file or its folder cannot be created or opened.
    case cannotOpen(path: String, reason: String)
    /// A backup target that exists and may not be replaced.
    case backupTargetExists(path: String)
    /// No store file at the path (e.g. `otklik backup` before the first start).
    case missing(path: String)
    /// No case with this number.
    case caseNotFound(Int64)
    /// No undecided draft with this version.
    case draftNotFound(caseId: Int64, version: Int)
    /// A journal line whose action this version does not know, or lacks a detail its action needs.
    case unreadableJournal(id: Int64, action: String)

    public var description: String {
        switch self {
        case let .newerSchema(path, unknown):
            return "the store \(path) was written by a newer version of otklik (unknown schema changes: "
                + unknown.joined(separator: ", ")
                + "). Run the newer otklik binary, or restore a backup made by this version."
        case let .olderSchema(path, missing):
            return "the store \(path) has not been brought up to this version of otklik yet (pending schema changes: "
                + missing.joined(separator: ", ")
                + "). Restart the service with this binary (it migrates the store at start), then try again."
        case let .notADatabase(path):
            return "\(path) is not an otklik store (not an SQLite database). Check store.path in otklik.yaml, "
                + "or move the file away to start with an empty store."
        case let .corrupt(path, detail):
            return "the store \(path) is damaged (\(detail)). Stop the service and restore the latest backup "
                + "made with `otklik backup`."
        case let .readOnly(path):
            return "the store \(path) is read-only. The service user must be able to write the file and its "
                + "folder (SQLite keeps \(path)-wal and \(path)-shm beside it)."
        case let .cannotOpen(path, reason):
            return "cannot open the store \(path): \(reason)"
        case let .backupTargetExists(path):
            return "\(path) already exists; choose another file or pass --force to replace it"
        case let .missing(path):
            return "there is no store at \(path) (check store.path in otklik.yaml; the service creates it at its first start)"
        case let .caseNotFound(id):
            return "case \(id) does not exist"
        case let .draftNotFound(caseId, version):
            return "case \(caseId) has no undecided draft version \(version)"
        case let .unreadableJournal(id, action):
            return "journal line \(id) records '\(action)', which this version of otklik cannot read; run the version that wrote it"
        }
    }
}
