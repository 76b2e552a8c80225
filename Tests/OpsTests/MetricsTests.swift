import CurlTransport
import Foundation
import Metrics
import OtklikTesting
@testable import Store
import Testing

@Suite struct MetricsTests {
    /// Starts the endpoint on a free loopback port, runs `body` with its base URL, stops it.
    func withServer(_ database: AppDatabase, _ body: (String) async throws -> Void) async throws {
        let server = try MetricsServer(database: database, host: "127.0.0.1", port: 0, now: { SeededStore.now })
        let task = Task { try await server.run() }
        defer { task.cancel() }
        let port = try await server.listeningPort()
        try await body("http://127.0.0.1:\(port)")
    }

    @Test func aScrapeShowsTheStoresFigures() async throws {
        let store = SeededStore()
        let database = try store.seed()
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withServer(database) { base in
            let response = try await client.perform(HTTPRequest(url: base + "/metrics"))
            #expect(response.status == 200)
            #expect(response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let samples = String(decoding: response.body, as: UTF8.self).split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(samples == [
                "otklik_updates_handled_total 3",
                "otklik_updates_failed_total 1",
                "otklik_last_update_handled_timestamp_seconds 1714100280.000",
                "otklik_outbox_pending 2",
                "otklik_outbox_oldest_pending_seconds 60.000",
                #"otklik_send_failures_total{code="400"} 1"#,
                #"otklik_send_failures_total{code="403"} 2"#,
                #"otklik_send_failures_total{code="none"} 1"#,
                "otklik_timers_due 0",
                "otklik_cases_open 3",
                "otklik_cases_overdue 1",
                "otklik_unreachable_people 1",
            ])
        }
    }

    @Test func eachMetricHasHelpAndType() async throws {
        let database = try AppDatabase.inMemory()
        let text = Exposition.render(try await database.status(now: SeededStore.now))
        let lines = text.split(separator: "\n")
        let names = Set(lines.filter { !$0.hasPrefix("#") }.map { $0.prefix { $0 != " " && $0 != "{" } })
        for name in names {
            #expect(lines.contains { $0.hasPrefix("# HELP \(name) ") }, "\(name)")
            #expect(lines.contains("# TYPE \(name) counter") || lines.contains("# TYPE \(name) gauge"), "\(name)")
        }
        // The usual refusal codes are there from the start, so an alert sees the first failure.
        #expect(lines.contains(#"otklik_send_failures_total{code="403"} 0"#))
        #expect(text.hasSuffix("\n"))
    }

    @Test func onlyGetMetricsIsServed() async throws {
        let database = try AppDatabase.inMemory()
        let client = CurlHTTPClient()
        defer { client.shutdown() }
        try await withServer(database) { base in
            let elsewhere = try await client.perform(HTTPRequest(url: base + "/"))
            #expect(elsewhere.status == 404)
            let posted = try await client.perform(HTTPRequest(method: "POST", url: base + "/metrics", body: Data()))
            #expect(posted.status == 405)
        }
    }
}
