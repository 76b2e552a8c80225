import Casework
import Foundation

/// Something an operator should see loudly at start, though the service can run with it.
public struct CalendarWarning: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `Config/calendar:  warning: …`, in the same place format as `ConfigError`.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): warning: \(message)"
    }
}

/// The production calendar read from its folder, with warnings the caller must print.
public struct LoadedCalendar: Sendable {
    public var calendar: WorkingCalendar
    public var warnings: [CalendarWarning]
}

/// Reads `Config/calendar/YYYY.yaml` files into a `WorkingCalendar`.
public enum CalendarLoader {
    /// Loads every `YYYY.yaml` in `folder`. Any malformed or contradictory entry in any file throws all
    /// such problems at once, each with file and line. Each of `expectedYears` without a file (e.g. this
    /// year and the next) is a warning: those years count weekends and art. 112 holidays only.
    public static func load(folder: String, expectedYears: some Sequence<Int>) throws(ConfigErrors) -> LoadedCalendar {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw ConfigErrors([ConfigError(file: folder, message: "cannot read the calendar folder: \(error.localizedDescription)")])
        }
        var years: [CalendarYear] = [], errors: [ConfigError] = [], warnings: [CalendarWarning] = []
        var fileOfYear: [Int: String] = [:]
        for name in names where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (folder as NSString).appendingPathComponent(name)
            let stem = name.split(separator: ".").first.map(String.init) ?? ""
            guard stem.count == 4, let year = Int(stem), name.split(separator: ".").count == 2 else {
                errors.append(ConfigError(file: path, message: "calendar files are named YYYY.yaml, one per year"))
                continue
            }
            if let other = fileOfYear[year] {
                errors.append(ConfigError(file: path, message: "\(year) is already in \(other)"))
                continue
            }
            fileOfYear[year] = path
            let file: YAMLFile
            do { file = try YAMLFile.load(path) } catch {
                errors.append(error)
                continue
            }
            var reader = CalendarYearFile(file: file, expectedYear: year)
            if let entry = reader.read() { years.append(entry) }
            errors += reader.errors
            warnings += reader.warnings
        }
        if !errors.isEmpty { throw ConfigErrors(errors) }
        for year in expectedYears where fileOfYear[year] == nil {
            warnings.append(CalendarWarning(
                file: folder,
                message: "no production calendar for \(year) (\(year).yaml): counting only weekends and the "
                    + "Labour Code art. 112 holidays, without the Government's transfers; add the year (see any year file's header)"
            ))
        }
        return LoadedCalendar(calendar: WorkingCalendar(years: years), warnings: warnings)
    }
}
