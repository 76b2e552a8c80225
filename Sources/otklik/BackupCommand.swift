import ArgumentParser
import Foundation
import Settings
import Store

/// `otklik backup`: a consistent copy of the store, safe while the service runs.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the store to a file with SQLite's online backup (safe while the service runs).",
        discussion: """
            The copy is one self-contained SQLite file with mode 0600, written beside the target and renamed \
            into place, so an interrupted backup leaves no half file. To restore, stop the service and put \
            the copy at store.path (removing any -wal and -shm files beside it).
            """
    )

    @Option(help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("The service config; its store.path is the store copied.", valueName: "file"))
    var config = AppSettings.defaultPath

    @Flag(help: "Replace the --out file if it exists.")
    var force = false

    func run() throws {
        let storePath: String
        do {
            storePath = try AppSettings.load(config).storePath
        } catch {
            error.errors.forEach { printError($0.description) }
            throw ExitCode.failure
        }
        do {
            try AppDatabase.backup(storeAt: storePath, to: out, replacing: force)
        } catch {
            printError("error: \(error)")
            throw ExitCode.failure
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        print("ok: \(storePath) copied to \(out) (\(size) bytes)")
    }
}
