import Foundation
import Settings
import Testing

/// The shipped systemd units and the production config must agree on paths.
@Suite struct ProductionConfigTests {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config")

    func unit(_ name: String) throws -> [String] {
        try String(contentsOf: Self.config.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test func theProductionConfigKeepsTheStoreInTheStateDirectory() throws {
        let settings = try AppSettings.load(Self.config.appendingPathComponent("otklik.production.yaml").path)
        #expect(settings.storePath == "/var/lib/otklik/otklik.sqlite")
        #expect(settings.telegram?.token == .environment("OTKLIK_BOT_TOKEN"))
        #expect(settings.staffPath == "/etc/otklik/staff.yaml")
        #expect(settings.metrics == MetricsSettings(listen: "127.0.0.1:9464"))
        let service = try unit("otklik.service")
        #expect(service.contains("StateDirectory=otklik"))
        #expect(service.contains("ConfigurationDirectory=otklik"))
        #expect(service.contains("EnvironmentFile=/etc/otklik/otklik.env"))
        #expect(service.contains("ExecStart=/usr/local/bin/otklik run --config /etc/otklik/otklik.yaml --log-format json"))
        let backup = try unit("otklik-backup.service")
        #expect(backup.contains { $0.hasPrefix("ExecStart=") && $0.contains("--config /etc/otklik/otklik.yaml")
            && $0.contains("/var/lib/otklik/backups/") })
    }
}
