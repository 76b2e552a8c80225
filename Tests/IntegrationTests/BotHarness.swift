import Casework
import Foundation
import Messaging
import OtklikApp
import Sandbox
import Settings
import Store

/// The end-to-end tests' stage: a small administration, starting 10:00 on Monday 2026-11-30 in Barnaul.
typealias BotHarness = Stage

extension Stage {
    static let specialist: Int64 = 100001   // specialist and admin
    static let roads: Int64 = 200001         // executor, roads
    static let roads2: Int64 = 200002        // executor, roads
    static let housing: Int64 = 200101       // executor, housing
    static let head: Int64 = 300001
    static let specialist2: Int64 = 100002   // specialist only

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// 10:00 on Monday 2026-11-30 in Barnaul (UTC+7): a working day, outside quiet hours.
    static let start = Date(timeIntervalSince1970: 1_796_007_600)

    static let people: [StaffSettings.PersonEntry] = [
        .init(telegramId: specialist, name: "Иванова Анна", roles: [.specialist, .admin], department: nil),
        .init(telegramId: specialist2, name: "Орлова Вера", roles: [.specialist], department: nil),
        .init(telegramId: roads, name: "Петров Пётр", roles: [.executor], department: "roads"),
        .init(telegramId: roads2, name: "Кузнецов Олег", roles: [.executor], department: "roads"),
        .init(telegramId: housing, name: "Смирнова Ольга", roles: [.executor], department: "housing"),
        .init(telegramId: head, name: "Сидорова Мария", roles: [.head], department: nil),
    ]

    static func running() async throws -> Stage {
        let stage = try await Stage(configPath: repo.appendingPathComponent("Config/otklik.yaml").path, people: people, start: start)
        try await stage.startService()
        return stage
    }

    func forwardPost(_ text: String) async throws -> SentMessage { try await forwardPost(text, from: Self.specialist) }

    /// The same administration on MAX: the people's ids are their MAX ids.
    static func runningOnMAX() async throws -> MaxStage {
        let onMAX = people.map { StaffSettings.PersonEntry(telegramId: nil, maxId: $0.telegramId, name: $0.name, roles: $0.roles,
                                                           department: $0.department) }
        let stage = try await MaxStage(configPath: repo.appendingPathComponent("Config/otklik.yaml").path, people: onMAX, start: start)
        try await stage.startService()
        return stage
    }

    /// The person id the bot knows one of the people above by, on `stage`'s messenger.
    static func person(_ id: Int64, on stage: any MessengerStage) -> Int64 {
        stage is MaxStage ? PersonIds.maxOffset + id : id
    }
}

/// The running service on its stage for the length of `body`, stopped (awaited) when it ends.
func withStage<T>(_ body: (BotHarness) async throws -> T) async throws -> T {
    try await scoped({ try await BotHarness.running() }, stop: { await $0.stop() }, body)
}

/// The same on `messenger`'s sandbox: the suites that speak only `MessengerStage` run on both.
func withStage<T>(on messenger: Messenger, _ body: (any MessengerStage) async throws -> T) async throws -> T {
    switch messenger {
    case .telegram: try await withStage { try await body($0) }
    case .max: try await scoped({ try await BotHarness.runningOnMAX() }, stop: { await $0.stop() }, body)
    }
}
