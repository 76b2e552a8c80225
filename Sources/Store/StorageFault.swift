import GRDB

/// A write that failed because of the store's file or disk, not because of what was being written:
/// the same work succeeds once the operator frees space or fixes the file. Such a failure must roll
/// back the whole transaction and be retried; recording it as the update's own failure would lose
/// the update.
public struct StorageFault: Error, Sendable, CustomStringConvertible {
    /// What the operator should do, in plain words.
    public var description: String

    /// The fault behind `error`, or nil when the error is about the data (a bug, a constraint).
    public init?(_ error: any Error) {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL:
            description = "the disk holding the store is full: free space; nothing is confirmed or lost meanwhile"
        case .SQLITE_READONLY:
            description = "the store has become read-only: let the service user write the file and its folder"
        case .SQLITE_IOERR:
            description = "the store's disk reports an input/output error (\(error.message ?? "no detail"))"
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            description = "the store is damaged (\(error.message ?? "malformed")): stop and restore the latest backup"
        case .SQLITE_CANTOPEN, .SQLITE_PERM:
            description = "the store's files cannot be opened (\(error.message ?? "permission denied"))"
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_NOMEM, .SQLITE_PROTOCOL:
            description = "the store is busy or out of memory (\(error.message ?? "SQLite error \(error.resultCode.rawValue)"))"
        default:
            return nil
        }
    }
}
