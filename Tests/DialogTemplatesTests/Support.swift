import Foundation
@testable import DialogTemplates

/// The repository's `Dialogs/` folder, found from this file's path.
let dialogsFolder: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Dialogs").path

func loadShipped(_ language: String) throws -> Dialogs {
    try Dialogs.load(folder: dialogsFolder, language: language)
}

/// A throwaway `Dialogs/` folder: `files` maps `ru/common.yaml`-style paths to contents.
struct TempDialogs {
    let path: String

    init(_ files: [String: String]) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dialogs-\(UUID().uuidString)").path
        for (name, text) in files {
            let file = (path as NSString).appendingPathComponent(name)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
        }
    }

    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

let nbsp = "\u{00A0}"
