import CurlTransport
import Foundation
import Testing

@Suite(.timeLimit(.minutes(1)))
struct RedactionTests {
    @Test func tokenInTheURLPathNeverAppearsInTheError() async throws {
        let refusing = try RefusingPort()
        let client = CurlHTTPClient(options: CurlOptions(secrets: ["123:SECRET"]), workers: 1, name: "token")
        defer { client.shutdown() }

        let result = await outcome(client, HTTPRequest(url: "http://127.0.0.1:\(refusing.port)/bot123:SECRET/getMe"))

        let description = try #require(result.failure?.description)
        #expect(!description.contains("SECRET"))
        #expect(description.contains("/bot***/getMe"))
    }

    @Test func secretEchoedByCurlItselfIsRedacted() async throws {
        // curl resolves *.localhost to loopback and names the host in its own error message.
        let refusing = try RefusingPort()
        let client = CurlHTTPClient(options: CurlOptions(secrets: ["tok-secret-777"]), workers: 1, name: "echo")
        defer { client.shutdown() }

        let result = await outcome(client, HTTPRequest(url: "http://tok-secret-777.localhost:\(refusing.port)/"))

        let error = try #require(result.failure)
        guard case .connectFailed(let text) = error else {
            Issue.record("expected a connect failure, got \(error)")
            return
        }
        #expect(!text.contains("tok-secret-777"))
        #expect(text.contains("to ***.localhost port \(refusing.port)"))
    }

    @Test(arguments: ["http", "socks5h"])
    func proxyPasswordNeverAppearsInTheError(scheme: String) async throws {
        let refusing = try RefusingPort()
        let proxy = "\(scheme)://user:pa55word@127.0.0.1:\(refusing.port)"
        let client = CurlHTTPClient(
            options: CurlOptions(proxy: proxy, secrets: ["123:SECRET"]), workers: 1, name: "proxy"
        )
        defer { client.shutdown() }

        let result = await outcome(client, HTTPRequest(url: "http://api.example.invalid/bot123:SECRET/getUpdates"))

        let error = try #require(result.failure)
        guard case .proxy = error else {
            Issue.record("expected a proxy failure, got \(error)")
            return
        }
        #expect(!error.description.contains("pa55word"))
        #expect(!error.description.contains("SECRET"))
        #expect(error.description.contains("via proxy \(scheme)://user:***@127.0.0.1:\(refusing.port)"))
    }

    @Test func percentEncodedProxyPasswordIsRedactedInBothForms() {
        let options = CurlOptions(proxy: "socks5h://user:p%40ss@proxy.local:1080")

        let text = options.redactor("p@ss, p%40ss, socks5h://user:p%40ss@proxy.local:1080")

        #expect(!text.contains("p@ss"))
        #expect(!text.contains("p%40ss"))
        #expect(text.contains("socks5h://user:***@proxy.local:1080"))
    }
}
