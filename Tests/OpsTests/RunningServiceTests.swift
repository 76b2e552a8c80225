import CurlTransport
import Foundation
import OtklikApp
import Sandbox
import Testing
#if canImport(Glibc)
import Glibc
import Store
#endif

/// The real `otklik run` against the sandbox, with the metrics endpoint on, and `otklik status` beside it.
@Suite(.serialized) struct RunningServiceTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The binary built beside this test bundle, or OTKLIK_BINARY.
    static var binary: String {
        ProcessInfo.processInfo.environment["OTKLIK_BINARY"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("otklik").path
    }

    /// A started sandbox for the length of `body`, stopped (awaited) however `body` ends.
    func withSandbox(_ body: (Sandbox, URL) async throws -> Void) async throws {
        let sandbox = Sandbox()
        let api = try await sandbox.start()
        do { try await body(sandbox, api) } catch { await sandbox.stop(); throw error }
        await sandbox.stop()
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary), "build the otklik binary first"))
    func theServiceServesMetricsAndStatusReadsItsStoreWhileItRuns() async throws {
        try await withSandbox { sandbox, api in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let port = try Self.freePort()
            let config = try Self.writeConfig(in: folder, apiURL: api.absoluteString, metricsPort: port)
            _ = await sandbox.addUser(id: 1, firstName: "Админ")
            _ = try await sandbox.sendCommand("help", from: 1)

            let service = try Self.launch(["run", "--config", config], token: sandbox.token)
            defer { if service.process.isRunning { service.process.terminate(); service.process.waitUntilExit() } }
            let client = CurlHTTPClient()
            defer { client.shutdown() }
            // Wait (bounded) until a scrape shows the update handled.
            var scraped = ""
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline, service.process.isRunning, !scraped.contains("otklik_updates_handled_total 1\n") {
                if let response = try? await client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)/metrics")) {
                    scraped = String(decoding: response.body, as: UTF8.self)
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(scraped.contains("otklik_updates_handled_total 1\n"), "log: \(service.output())")
            #expect(scraped.contains("otklik_unreachable_people 0\n"))
            #expect(service.output().contains("metrics at http://127.0.0.1:\(port)/metrics"))

            let status = try Self.launch(["status", "--json", "--config", config], token: "")
            status.process.waitUntilExit()
            #expect(status.process.terminationStatus == 0, "\(status.output())")
            #expect(status.output().contains(#""health":"healthy""#))
            #expect(status.output().contains(#""updates_handled":1"#))

            // SIGTERM stops the bot and its endpoint.
            service.process.terminate()
            service.process.waitUntilExit()
            #expect(service.process.terminationStatus == 0, "log: \(service.output())")
            let after = try? await client.perform(HTTPRequest(url: "http://127.0.0.1:\(port)/metrics"))
            #expect(after == nil)
        }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary), "build the otklik binary first"))
    func aTakenMetricsPortIsLoggedAndTheBotWorksOn() async throws {
        try await withSandbox { sandbox, api in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let (taken, listener) = try Self.listeningSocket()
            defer { close(listener) }
            let config = try Self.writeConfig(in: folder, apiURL: api.absoluteString, metricsPort: taken)
            _ = await sandbox.addUser(id: 1, firstName: "Админ")
            _ = try await sandbox.sendCommand("help", from: 1)

            let service = try Self.launch(["run", "--config", config], token: sandbox.token)
            defer { if service.process.isRunning { service.process.terminate(); service.process.waitUntilExit() } }
            let store = folder.appendingPathComponent("otklik.sqlite").path
            let deadline = ContinuousClock.now + .seconds(60)
            var handled = 0
            while ContinuousClock.now < deadline, service.process.isRunning,
                  handled < 1 || !service.output().contains("the metrics endpoint stopped") {
                handled = StatusReport.read(storePath: store, now: Date()).status?.handledUpdates ?? 0
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(handled == 1, "log: \(service.output())")
            #expect(service.output().contains("the metrics endpoint stopped"), "log: \(service.output())")
        }
    }

    /// SIGTERM while the sender holds a backlog: it delivers what it can within the 5 s drain time,
    /// says the rest goes out at the next start, and the process exits 0.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary), "build the otklik binary first"))
    func sigtermWithABacklogDrainsForAtMostFiveSecondsAndExitsZero() async throws {
        try await withSandbox { sandbox, api in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let config = try Self.writeConfig(in: folder, apiURL: api.absoluteString, metricsPort: try Self.freePort())
            _ = await sandbox.addUser(id: 1, firstName: "Админ")
            // Each answer takes 1 s to go out, one at a time: 8 s of sending against 5 s of drain.
            await sandbox.injectFault(.delay(.seconds(1)), method: "sendMessage", times: 8)
            for _ in 0..<8 { _ = try await sandbox.sendCommand("help", from: 1) }

            let service = try Self.launch(["run", "--config", config], token: sandbox.token)
            defer { if service.process.isRunning { service.process.terminate(); service.process.waitUntilExit() } }
            let store = folder.appendingPathComponent("otklik.sqlite").path
            let deadline = ContinuousClock.now + .seconds(60)
            var status = StatusReport.read(storePath: store, now: Date()).status
            while ContinuousClock.now < deadline, service.process.isRunning, status?.handledUpdates ?? 0 < 8 {
                try await Task.sleep(for: .milliseconds(20))
                status = StatusReport.read(storePath: store, now: Date()).status
            }
            try #require(status?.handledUpdates == 8, "log: \(service.output())")
            try #require(status?.outbox.count ?? 0 > 0, "answers are queued when SIGTERM comes")
            let delivered = await sandbox.sentMessages(in: 1).count

            let signalled = ContinuousClock.now
            service.process.terminate()
            service.process.waitUntilExit()
            let took = ContinuousClock.now - signalled
            let log = service.output()
            #expect(service.process.terminationStatus == 0, "log: \(log)")
            #expect(took < .seconds(5) + .seconds(3), "stopped after \(took)")
            #expect(log.contains("stopping: delivering what is queued within=5.0 seconds"), "log: \(log)")
            #expect(log.contains("stopped with messages still queued; they go out at the next start"), "log: \(log)")
            #expect(await sandbox.sentMessages(in: 1).count > delivered, "the drain delivered some")
            #expect(StatusReport.read(storePath: store, now: Date()).status?.outbox.count ?? 0 > 0)
        }
    }

    /// A token Telegram refuses once the bot runs (401 on deleteWebhook here) stops the poller for good:
    /// the process says so and exits 1 without waiting out the drain time.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: binary), "build the otklik binary first"))
    func aRefusedTokenAfterStartEndsTheRunWithExitOne() async throws {
        try await withSandbox { sandbox, api in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let config = try Self.writeConfig(in: folder, apiURL: api.absoluteString, metricsPort: try Self.freePort())
            await sandbox.injectFault(.serverError(status: 401, description: "Unauthorized"), method: "deleteWebhook")
            let service = try Self.launch(["run", "--config", config], token: sandbox.token)
            defer { if service.process.isRunning { service.process.terminate(); service.process.waitUntilExit() } }
            let started = ContinuousClock.now
            while service.process.isRunning, ContinuousClock.now - started < .seconds(30) {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(!service.process.isRunning, "log: \(service.output())")
            #expect(service.process.terminationStatus == 1, "log: \(service.output())")
            #expect(service.output().contains("critical otklik: Telegram rejected the bot token (401 Unauthorized)"),
                    "log: \(service.output())")
            #expect(!service.output().contains("stopping: delivering what is queued"))
        }
    }

    /// A running process whose output goes to a file.
    struct Launched {
        let process: Process
        let log: URL
        func output() -> String { String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self) }
    }

    static func launch(_ arguments: [String], token: String) throws -> Launched {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ops-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OTKLIK_OPS_TOKEN"] = token
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return Launched(process: process, log: log)
    }

    static func writeConfig(in folder: URL, apiURL: String, metricsPort: UInt16) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "departments:\n  - {id: roads, name: Дороги, keywords: [дорог]}\npeople:\n  - {telegram_id: 1, name: Админ, roles: [admin, specialist]}\n"
            .write(to: folder.appendingPathComponent("staff.yaml"), atomically: true, encoding: .utf8)
        let config = """
        telegram:
          api_url: \(apiURL)
          token_env: OTKLIK_OPS_TOKEN
          poll_timeout: 1
        store:
          path: \(folder.appendingPathComponent("otklik.sqlite").path)
        staff: staff.yaml
        calendar: \(repo.appendingPathComponent("Config/calendar").path)
        screening: \(repo.appendingPathComponent("Config/screening").path)
        dialogs: \(repo.appendingPathComponent("Dialogs").path)
        metrics:
          listen: 127.0.0.1:\(metricsPort)
        """
        let path = folder.appendingPathComponent("otklik.yaml").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A loopback port nobody listens on now (the kernel picks it; it is free again once closed).
    static func freePort() throws -> UInt16 {
        let (port, fd) = try LoopbackSocket.bind()
        close(fd)
        return port
    }

    /// A socket listening on a loopback port, and the port.
    static func listeningSocket() throws -> (UInt16, Int32) {
        let (port, fd) = try LoopbackSocket.bind()
        guard listen(fd, 1) == 0 else { close(fd); throw POSIXError(.EADDRINUSE) }
        return (port, fd)
    }
}
