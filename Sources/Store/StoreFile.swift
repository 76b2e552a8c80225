import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// The store file on disk: created private before SQLite writes a byte, and SQLite's failures in words.
enum StoreFile {
    /// Creates the folder (0700) and an empty file (0600) when missing; refuses a file nobody may write.
    /// SQLite gives the -wal and -shm files the main file's mode, so they are private too.
    static func prepare(_ path: String) throws(StoreError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotOpen(path: path, reason: "cannot create the folder \(folder) (\(reason(errno)))")
        }
        try createPrivate(path)
        var info = stat()
        guard stat(path, &info) == 0 else { throw .cannotOpen(path: path, reason: reason(errno)) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .cannotOpen(path: path, reason: "it is not a regular file") }
        // Root may write anything; a file without write bits was still meant to be read-only.
        if access(path, W_OK) != 0 || info.st_mode & 0o222 == 0 { throw .readOnly(path: path) }
        if access(path, R_OK) != 0 { throw .cannotOpen(path: path, reason: "permission denied") }
    }

    /// Creates `path` empty with mode 0600 unless it exists (SQLite takes an empty file as a new database).
    static func createPrivate(_ path: String) throws(StoreError) {
        let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 {
            // The umask cannot widen 0600, but it can be odd; set the mode explicitly.
            fchmod(fd, 0o600)
            close(fd)
        } else if errno != EEXIST {
            throw .cannotOpen(path: path, reason: reason(errno))
        }
    }

    /// Turns an SQLite error met while opening into a message that names the file.
    static func explain(_ error: any Error, path: String) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else {
            return .cannotOpen(path: path, reason: "\(error)")
        }
        switch error.resultCode {
        case .SQLITE_NOTADB: return .notADatabase(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: error.message ?? "malformed")
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .cannotOpen(path: path, reason: "check that the path and its folder exist and the service user may write them")
        case .SQLITE_FULL: return .cannotOpen(path: path, reason: "the disk is full")
        case .SQLITE_IOERR: return .cannotOpen(path: path, reason: "input/output error (\(error.message ?? "disk problem"))")
        default: return .cannotOpen(path: path, reason: error.message ?? "SQLite error \(error.resultCode.rawValue)")
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
