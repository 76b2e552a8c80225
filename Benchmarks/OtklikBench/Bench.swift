import BotAPI
import Foundation
import OtklikApp
import Sandbox
import Settings
import Store

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Command-line options: `otklik-bench [--quick] [--only intake,latency,start,delivery,scheduler,growth,sandbox]
/// [--binary PATH] [--out FILE] [--keep]`.
struct BenchOptions: Sendable {
    var quick = false
    var only: Set<String>?
    var binary: String?
    var out: String?
    var keep = false

    static let parts = ["intake", "latency", "start", "delivery", "scheduler", "growth", "sandbox"]

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick": options.quick = true
            case "--keep": options.keep = true
            case "--only":
                let names = Set((rest.popFirst() ?? "").split(separator: ",").map(String.init))
                if let unknown = names.subtracting(parts).first { throw BenchError("unknown part \(unknown); parts: \(parts)") }
                options.only = names
            case "--binary": options.binary = rest.popFirst()
            case "--out": options.out = rest.popFirst()
            default: throw BenchError("unknown argument \(argument)")
            }
        }
        return options
    }

    func wants(_ part: String) -> Bool { only?.contains(part) ?? true }
}

/// Runs the figures of issue 8 against the real `otklik run` and an in-process sandbox.
final class Bench: @unchecked Sendable {
    /// The repository: Config/ and Dialogs/ come from here.
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    let options: BenchOptions
    let binary: String
    let workspace: URL
    var results = Results()
    private var updateBase: Int64 = 650_000_001
    /// Seeded stores by case count; each is used by the start runs, then by an intake run.
    private var stores: [Int: String] = [:]
    /// Start figures by case count, measured once.
    var startOutcomes: [Int: StartOutcome] = [:]

    /// The issue's workload, smaller with `--quick` (for trying changes, not for the note).
    var posts: Int { options.quick ? 1000 : 5000 }
    var specialists: Int { options.quick ? 100 : 500 }
    var latencySeconds: Double { options.quick ? 5 : 30 }
    var reminders: Int { options.quick ? 150 : 1000 }
    var timers: Int { options.quick ? 100_000 : 1_000_000 }
    var growthSizes: [Int] { options.quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000] }

    init(options: BenchOptions) {
        self.options = options
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        binary = options.binary ?? own.appendingPathComponent("otklik").path
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-bench-\(UUID().uuidString)")
    }

    func run() async throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no otklik binary at \(binary); build it (make bench does) or pass --binary")
        }
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer {
            if options.keep { say("kept \(workspace.path)") } else { try? FileManager.default.removeItem(at: workspace) }
        }
        say("otklik-bench: \(binary), \(results.machine.cores) cores, load \(results.machine.loadAverageAtStart)\(options.quick ? ", QUICK" : "")")
        if options.wants("intake") || options.wants("latency") { try await intakeAndLatency() }
        if options.wants("start") { try await startFigures() }
        if options.wants("scheduler") { try await schedulerFigures() }
        if options.wants("delivery") { try await deliveryFigures() }
        if options.wants("growth") { try await growthFigures() }
        if options.wants("sandbox") { try await sandboxFigures() }
        results.machine.loadAverageAtEnd = Results.Machine.loadAverage
        say("\n" + results.table)
        let out = options.out.map { URL(fileURLWithPath: $0) } ?? Self.repo.appendingPathComponent("Benchmarks/results.json")
        try results.write(to: out)
        say("\nwritten to \(out.path)")
    }

    // MARK: Shared pieces

    /// A fresh sandbox whose update ids never repeat those of earlier runs against the same store.
    func makeSandbox(floodLimits: FloodLimits, staff: Staff) async throws -> Sandbox {
        defer { updateBase += 10_000_000 }
        let sandbox = Sandbox(config: SandboxConfig(floodLimits: floodLimits, firstUpdateId: updateBase, requestLogLimit: 2000))
        try await sandbox.start()
        await sandbox.addUser(id: Staff.admin, firstName: "Админ")
        for id in staff.specialistIds { await sandbox.addUser(id: id, firstName: "Специалист") }
        for id in staff.executorIds { await sandbox.addUser(id: id, firstName: "Исполнитель") }
        return sandbox
    }

    func folder(_ name: String) -> URL { workspace.appendingPathComponent(name) }

    /// The staff every intake, latency and start run shares (and the seeded stores know).
    var cityStaff: Staff { Staff(specialists: specialists, executors: 1) }

    /// A store holding `cases` cases with ten journal lines each (seeded once per size).
    func store(cases: Int) async throws -> String {
        if let path = stores[cases] { return path }
        let folder = folder("store-\(cases)")
        let path = folder.appendingPathComponent("otklik.sqlite").path
        let setup = ServiceSetup(folder: folder, storePath: path, apiURL: "http://127.0.0.1:1", staff: cityStaff)
        let config = try ServiceConfiguration.load(configPath: try setup.writeConfig(), now: Date())
        let database = try ServiceBuilder.openStore(config, now: Date())
        let started = ContinuousClock.now
        try await Seeder.seed(database, cases: cases, journalPerCase: 10, specialists: cityStaff.specialistIds,
                              executor: cityStaff.executorIds.first, now: Date())
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        say("  seeded \(cases) cases, \(cases * 10) journal rows in \(Self.seconds(ContinuousClock.now - started)) s "
            + "(\(size / 1_000_000) MB)")
        stores[cases] = path
        return path
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func megabytes(_ bytes: Int) -> Double { (Double(bytes) / 1_048_576 * 10).rounded() / 10 }
}

extension Sandbox {
    /// Forwards every post from its specialist in one turn of the sandbox: all are queued before the bot looks.
    func forwardAll(_ posts: [(from: Int64, text: String)]) throws {
        for post in posts {
            try forward(.text(post.text), origin: .hiddenUser(date: 1_700_000_000, senderUserName: "Житель"), from: post.from)
        }
    }
}
