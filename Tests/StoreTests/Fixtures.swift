import Casework
import Foundation
import Messaging
import GRDB
@testable import Store

/// A store in a fresh temporary folder, removed when the test is done.
final class TemporaryStore: @unchecked Sendable {
    let folder: URL
    let path: String
    let database: AppDatabase

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-test-\(UUID().uuidString)")
        path = folder.appendingPathComponent("data/otklik.sqlite").path
        database = try AppDatabase.open(path: path)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}

/// A temporary folder for files a test makes itself.
final class TemporaryFolder: @unchecked Sendable {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-test-\(UUID().uuidString)")

    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Instants with whole seconds, as the store keeps milliseconds.
func instant(_ offsetHours: Double = 0) -> Date {
    Date(timeIntervalSince1970: 1_714_100_400 + offsetHours * 3600)
}

enum Staff {
    static let specialist: Int64 = 100001
    static let executor: Int64 = 200001
    static let otherExecutor: Int64 = 200002
    static let head: Int64 = 300001

    static let departments = [
        ConfiguredDepartment(id: "roads", name: "Комитет по дорожному хозяйству", keywords: ["дорог", "ям"]),
        ConfiguredDepartment(id: "parks", name: "Комитет по благоустройству", keywords: ["парк"]),
    ]
    static let people = [
        ConfiguredPerson(addresses: [Address(.telegram, specialist)], name: "Иванова Анна", roles: [.specialist, .admin], departmentId: nil),
        ConfiguredPerson(addresses: [Address(.telegram, executor)], name: "Петров Пётр", roles: [.executor], departmentId: "roads"),
        ConfiguredPerson(addresses: [Address(.telegram, otherExecutor)], name: "Смирнов Олег", roles: [.executor], departmentId: "roads"),
        ConfiguredPerson(addresses: [Address(.telegram, head)], name: "Сидорова Мария", roles: [.head], departmentId: nil),
    ]

    static func seed(_ database: AppDatabase) throws {
        try database.write { try $0.syncStaff(departments: departments, people: people, at: instant()) }
    }
}

func samplePost(_ text: String = "На улице Ленина яма на дороге, никто не чинит!") -> CasePost {
    CasePost(network: "vk", link: "https://vk.com/wall-1_2", threadKey: "vk:-1_2", authorKey: "vk:42", text: text,
             screening: .clean, sourceChatId: Staff.specialist, sourceMessageIds: [501, 502],
             media: [MediaRef(kind: .photo, fileId: "AgAD-photo"), MediaRef(kind: .video, fileId: "BAAD-video")])
}

/// Deadlines without the calendar: 24 hours, and 7 days after an interim answer.
struct FixedRules: DeadlineRules {
    func answerDue(from start: Date) -> Date { start.addingTimeInterval(24 * 3600) }
    func finalDue(afterInterimPublishedAt published: Date) -> Date { published.addingTimeInterval(7 * 24 * 3600) }
}

/// The SQLite result code of a thrown error, if it is a database error.
func sqliteCode(_ body: () throws -> Void) -> ResultCode? {
    do { try body() } catch let error as DatabaseError { return error.resultCode } catch { return nil }
    return nil
}
