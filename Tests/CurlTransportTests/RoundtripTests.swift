import CurlTransport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RoundtripTests {
    @Test func getReturnsBodyAndLowerCasedHeaders() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "get")
        defer { client.shutdown() }

        let response = try await client.perform(HTTPRequest(url: server.url("/hello"), headers: [("X-Custom", "sent")]))

        #expect(response.status == 200)
        #expect(response.text == "hello")
        #expect(response.headers["x-reply"] == "hi")
        #expect(response.headers["content-type"] == "text/plain")
        #expect(response.headers["x-multi"] == "a, b")
        #expect(response.headers["x-echo"] == "sent")
        await server.stop()
    }

    @Test func postSendsBinaryBodyWithNulBytesIntact() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "post")
        defer { client.shutdown() }
        // A multipart upload holds arbitrary bytes; a C-string treatment would cut it at the first NUL.
        var body = Data([0x00, 0x41, 0x00, 0xFF, 0x0D, 0x0A, 0x00])
        body.append(contentsOf: (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) })

        let response = try await client.perform(HTTPRequest(
            method: "POST", url: server.url("/echo"),
            headers: [("Content-Type", "application/octet-stream")], body: body
        ))

        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(response.headers["content-type"] == "application/octet-stream")
        await server.stop()
    }

    @Test func errorStatusesAreReturnedNotThrown() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "status")
        defer { client.shutdown() }

        let missing = try await client.perform(HTTPRequest(url: server.url("/missing")))
        let broken = try await client.perform(HTTPRequest(url: server.url("/broken")))

        #expect(missing.status == 404)
        #expect(missing.text == "no such thing")
        #expect(broken.status == 503)
        #expect(broken.text == "try later")
        await server.stop()
    }

    @Test func secondRequestReusesTheConnection() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 1, name: "reuse")
        defer { client.shutdown() }

        let first = try await client.perform(HTTPRequest(url: server.url("/peer")))
        let second = try await client.perform(HTTPRequest(url: server.url("/peer")))

        #expect(first.metrics.newConnections == 1)
        #expect(second.metrics.newConnections == 0)
        // The server saw both requests come from the same client port.
        #expect(first.text == second.text)
        await server.stop()
    }

    @Test func transfersRunOnTheClientsOwnThreads() async throws {
        let server = try await LoopbackServer.start()
        // Longer than Linux's 15-byte thread names: the client must shorten it, not lose it.
        let client = CurlHTTPClient(options: CurlOptions(), workers: 2, name: "dedicated-http")
        defer { client.shutdown() }

        let response = try await client.perform(HTTPRequest(url: server.url("/hello")))

        #expect(["dedicated-htt-0", "dedicated-htt-1"].contains(response.metrics.thread))
        await server.stop()
    }

    @Test func twoHundredConcurrentRequestsOverFourWorkersAllComplete() async throws {
        let server = try await LoopbackServer.start()
        let client = CurlHTTPClient(options: CurlOptions(), workers: 4, name: "many")
        defer { client.shutdown() }

        let responses = try await withThrowingTaskGroup(of: (Int, HTTPResponse).self) { group in
            for n in 0..<200 {
                group.addTask { (n, try await client.perform(HTTPRequest(url: server.url("/id?n=\(n)")))) }
            }
            return try await group.reduce(into: [Int: HTTPResponse]()) { $0[$1.0] = $1.1 }
        }

        #expect(responses.count == 200)
        #expect(responses.allSatisfy { n, response in response.status == 200 && response.text == "\(n)" })
        let threads = Set(responses.values.map(\.metrics.thread))
        #expect(threads.isSubset(of: ["many-0", "many-1", "many-2", "many-3"]))
        // Each worker keeps its connection: at most one new connection per worker for 200 requests.
        #expect(responses.values.map(\.metrics.newConnections).reduce(0, +) <= 4)
        await server.stop()
    }
}
