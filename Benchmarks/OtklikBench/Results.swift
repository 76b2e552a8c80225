import Foundation

/// One measured figure, with the issue's goal where it sets one.
struct Figure: Codable, Sendable {
    var id: String
    var name: String
    var value: Double
    var unit: String
    var goal: String?
    var met: Bool?
    var note: String?
}

/// Every figure of a run, printed as a table and written as JSON.
struct Results: Codable, Sendable {
    var date = ISO8601DateFormatter().string(from: Date())
    var machine = Machine()
    var command = "make bench"
    var figures: [Figure] = []

    struct Machine: Codable, Sendable {
        var cores = ProcessInfo.processInfo.activeProcessorCount
        var loadAverageAtStart = Machine.loadAverage
        var loadAverageAtEnd: String?
        var commit = Machine.commit

        static var loadAverage: String {
            ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3)
                .joined(separator: " ")
        }

        static var commit: String {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "-C", Bench.repo.path, "rev-parse", "--short", "HEAD"]
            let pipe = Pipe()
            git.standardOutput = pipe
            git.standardError = FileHandle.nullDevice
            guard (try? git.run()) != nil else { return "?" }
            git.waitUntilExit()
            return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    mutating func add(_ id: String, _ name: String, _ value: Double, _ unit: String, goal: String? = nil,
                      met: Bool? = nil, note: String? = nil) {
        let figure = Figure(id: id, name: name, value: value, unit: unit, goal: goal, met: met, note: note)
        figures.append(figure)
        say("  \(name): \(Self.format(value, unit))\(goal.map { "  (goal \($0)\(met.map { $0 ? ", met" : ", MISSED" } ?? ""))" } ?? "")")
    }

    static func format(_ value: Double, _ unit: String) -> String {
        let number: String
        if value.rounded() == value, abs(value) < 1e12 { number = String(Int(value)) }
        else if abs(value) >= 100 { number = String(format: "%.0f", value) }
        else if abs(value) >= 1 { number = String(format: "%.2f", value) }
        else { number = String(format: "%.3f", value) }
        return unit.isEmpty ? number : "\(number) \(unit)"
    }

    /// The table `make bench` prints.
    var table: String {
        let rows = figures.map { f in
            [f.name, Self.format(f.value, f.unit), f.goal ?? "", f.met.map { $0 ? "met" : "MISSED" } ?? ""]
        }
        let header = ["figure", "value", "goal", ""]
        let widths = (0..<4).map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        var text = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        text += rows.map(line).joined(separator: "\n")
        return text
    }

    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(self).write(to: url)
    }
}
