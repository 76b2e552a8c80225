import CurlTransport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1)))
struct FailureTests {
    @Test func totalTimeoutFiresOnAStalledServer() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "timeout")
        defer { client.shutdown() }

        let result = await outcome(client, HTTPRequest(url: server.url("/stall"), timeout: .milliseconds(300)))

        guard case .timedOut(let text) = result.failure else {
            Issue.record("expected a timeout, got \(result)")
            return
        }
        #expect(text.contains("/stall"))
        #expect(result.failure?.isTransient == true)
        await server.stop()
    }

    @Test func refusedConnectionIsAClearError() async throws {
        let refusing = try RefusingPort()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "refused")
        defer { client.shutdown() }

        let result = await outcome(client, HTTPRequest(url: "http://127.0.0.1:\(refusing.port)/getMe"))

        guard case .connectFailed = result.failure, let description = result.failure?.description else {
            Issue.record("expected a connect failure, got \(result)")
            return
        }
        #expect(description.hasPrefix("connection failed: GET http://127.0.0.1:\(refusing.port)/getMe"))
        #expect(description.contains("port \(refusing.port)"))
    }

    @Test func cancellingTheTaskAbortsAStalledTransferAndFreesTheWorker() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "cancel")
        defer { client.shutdown() }

        let stalled = Task { await outcome(client, HTTPRequest(url: server.url("/stall"), timeout: .seconds(3600))) }
        for await _ in server.stallArrivals { break }
        stalled.cancel()

        #expect(await stalled.value.failure == .cancelled)
        // The only worker is free again: had the transfer not been aborted, this would wait an hour.
        let next = try await client.perform(HTTPRequest(url: server.url("/hello")))
        #expect(next.status == 200)
        await server.stop()
    }

    @Test func cancellingAQueuedRequestFailsItWithoutWaitingForTheWorker() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "queued")
        defer { client.shutdown() }
        let busy = Task { await outcome(client, HTTPRequest(url: server.url("/stall"), timeout: .seconds(3600))) }
        for await _ in server.stallArrivals { break }

        let queued = Task { await outcome(client, HTTPRequest(url: server.url("/hello"))) }
        queued.cancel()

        #expect(await queued.value.failure == .cancelled)
        busy.cancel()
        #expect(await busy.value.failure == .cancelled)
        await server.stop()
    }

    @Test func shutdownFailsInFlightQueuedAndLaterRequests() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "shutdown")
        let inFlight = Task { await outcome(client, HTTPRequest(url: server.url("/stall"), timeout: .seconds(3600))) }
        for await _ in server.stallArrivals { break }
        let queued = Task { await outcome(client, HTTPRequest(url: server.url("/hello"))) }
        // Give the queued request a chance to be queued; its outcome is shutDown either way.
        await Task.yield()

        client.shutdown()

        #expect(await inFlight.value.failure == .shutDown)
        #expect(await queued.value.failure == .shutDown)
        #expect(await outcome(client, HTTPRequest(url: server.url("/hello"))).failure == .shutDown)
        await server.stop()
    }

    @Test func tlsFailuresAreReportedAsTLSAndNotTransient() async throws {
        let server = try await LoopbackServer.start()
        let plain = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "tls")
        let missingCA = CurlHTTPClient(options: CurlOptions(caBundlePath: "/nonexistent/ca.pem"), workers: 1, name: "ca")
        defer {
            plain.shutdown()
            missingCA.shutdown()
        }
        // The loopback server speaks plain HTTP, so any TLS handshake with it fails.
        let https = "https://127.0.0.1:\(server.port)/hello"

        let handshake = await outcome(plain, HTTPRequest(url: https)).failure
        let badBundle = await outcome(missingCA, HTTPRequest(url: https)).failure

        guard case .tls = handshake, case .tls(let text) = badBundle else {
            Issue.record("expected TLS failures, got \(String(describing: handshake)) and \(String(describing: badBundle))")
            return
        }
        #expect(handshake?.isTransient == false)
        #expect(text.contains("/nonexistent/ca.pem"))
        await server.stop()
    }

    @Test func headerWithLineBreakIsRefusedBeforeSending() async throws {
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "inject")
        defer { client.shutdown() }

        let result = await outcome(client, HTTPRequest(
            url: "http://127.0.0.1:9/x", headers: [("X-Note", "a\r\nX-Injected: yes")]
        ))

        guard case .invalidRequest = result.failure else {
            Issue.record("expected invalidRequest, got \(result)")
            return
        }
    }
}
