// libFuzzer target: the config loader. The first byte picks the file (otklik.yaml, staff.yaml, a
// calendar year, one of the three screening lexicons, the other two empty), the rest is its text. Any text is either
// accepted or refused with errors that name this file, never a crash; an accepted calendar year
// answers working-day questions.
import Casework
import Foundation
@testable import Settings

private let path = "/etc/otklik/fuzz.yaml"
/// The other two lexicon files stay empty, so each input costs one file's worth of work.
private let empty = YAMLFile(path: "/etc/otklik/empty.yaml", root: .mapping(.init([])))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: bytes + 1, count: count - 1), as: UTF8.self)
    let file: YAMLFile
    do { file = try YAMLFile.parse(text, path: path) } catch {
        check([error])
        return 0
    }
    switch bytes[0] % 6 {
    case 0:
        do { _ = try AppSettings.parse(file) } catch { check(error.errors) }
    case 1:
        do { _ = try StaffSettings.parse(file) } catch { check(error.errors) }
    case 2:
        var reader = CalendarYearFile(file: file, expectedYear: 2024)
        let year = reader.read()
        check(reader.errors)
        if let year {
            let calendar = WorkingCalendar(years: [year])
            let start = LocalDate(year: 2024, month: 12, day: 20)!
            _ = calendar.addingWorkingDays(7, to: start)
            _ = calendar.workingDayCount(in: 2024)
        }
    default:
        var files = [empty, empty, empty]
        files[Int(bytes[0] % 6) - 3] = file
        do { _ = try ScreeningLoader.parse(obscene: files[0], threats: files[1], notThreats: files[2]) } catch {
            check(error.errors.filter { $0.file == path })
        }
    }
    return 0
}

/// Every problem must point into the fuzzed file, at a real line when it names one.
private func check(_ errors: [ConfigError]) {
    for error in errors {
        precondition(error.file == path, "an error names another file: \(error)")
        if let line = error.line { precondition(line >= 1, "an error names line \(line): \(error)") }
        precondition(!error.message.isEmpty, "an error without a message")
    }
}
