import Foundation
import Testing
@testable import Settings

@Suite struct MetricsSettingsTests {
    func parse(_ yaml: String) throws(ConfigErrors) -> AppSettings {
        let file: YAMLFile
        do { file = try YAMLFile.parse(yaml, path: "/etc/otklik/otklik.yaml") } catch { throw ConfigErrors([error]) }
        return try AppSettings.parse(file)
    }

    @Test func metricsAreOffUnlessGiven() throws {
        #expect(try parse("staff: s.yaml\n").metrics == nil)
        #expect(try parse("staff: s.yaml\nmetrics:\n").metrics == nil)
    }

    @Test func loopbackAddressesAreAccepted() throws {
        let v4 = try parse("staff: s.yaml\nmetrics:\n  listen: 127.0.0.1:9464\n").metrics
        #expect(v4 == MetricsSettings(listen: "127.0.0.1:9464"))
        #expect(v4?.host == "127.0.0.1" && v4?.port == 9464)
        let v6 = try parse("staff: s.yaml\nmetrics: {listen: \"[::1]:9100\"}\n").metrics
        #expect(v6?.host == "::1" && v6?.port == 9100 && v6?.listen == "[::1]:9100")
        #expect(MetricsSettings(listen: "127.10.0.2:80")?.host == "127.10.0.2")
    }

    @Test(arguments: ["0.0.0.0:9464", "192.168.1.5:9464", "[::]:9464", "localhost:9464", "127.0.0.1", "127.0.0.1:0",
                      "127.0.0.1:70000", "::1:9464", "[::1]9464"])
    func anythingElseIsRefusedWithFileAndLine(_ listen: String) {
        do {
            _ = try parse("staff: s.yaml\nmetrics:\n  listen: \"\(listen)\"\n")
            Issue.record("\(listen) was accepted")
        } catch {
            #expect(error.errors.map(\.description) == [
                "/etc/otklik/otklik.yaml:3:11: metrics.listen must be a loopback address and port such as 127.0.0.1:9464 "
                    + "or [::1]:9464, not '\(listen)': the endpoint has no authentication (to scrape it from elsewhere, "
                    + "put a proxy with access control in front)",
            ])
        }
    }

    @Test func aMissingListenIsNamed() {
        do {
            _ = try parse("staff: s.yaml\nmetrics:\n  port: 9464\n")
            Issue.record("accepted")
        } catch {
            let messages = error.errors.map(\.description)
            #expect(messages.contains { $0.hasPrefix("/etc/otklik/otklik.yaml:3:3: metrics: unknown key 'port'") })
            #expect(messages.contains { $0.contains("metrics.listen is required") })
        }
    }
}
