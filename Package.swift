// swift-tools-version:6.0
import PackageDescription

// Every Swift target is built in language mode 6 (strict concurrency).
// MemberImportVisibility: a file uses only the members of modules it imports itself, so what a
// floor depends on is written at its top (and GRDB stays inside Store).
let strict: [SwiftSetting] = [.swiftLanguageMode(.v6), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "Otklik",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "otklik", targets: ["otklik"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swhitty/FlyingFox.git", from: "0.27.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // C shim over libcurl: typed wrappers for the variadic curl_easy_setopt/getinfo.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // C shim over librsvg and cairo (loaded at the first chart): SVG bytes in, PNG bytes out.
        .target(name: "CSVG", linkerSettings: [.linkedLibrary("dl")]),
        // The report charts as PNG for chats (SVG drawn by Reports, rendered by librsvg).
        .target(name: "ChartRendering", dependencies: ["CSVG"], swiftSettings: strict),
        // C shim over the dynamic loader: give back the pages of code used only while starting.
        .target(name: "CSystem"),
        // C shim over OpenSSL's libcrypto: random bytes and SHA-256 for invitation tokens.
        .target(name: "CCrypto", linkerSettings: [.linkedLibrary("crypto")]),
        // The messenger port: what the bot says (Outgoing, RichText, buttons with payloads) and the
        // requests an adapter renders it into (WireRequest), in no messenger's terms. Pure values; it shares
        // the domain's media and forward-origin types (Casework) rather than keeping copies.
        .target(name: "Messaging", dependencies: ["Casework"], swiftSettings: strict),
        // Bot API models, methods, error envelope, the BotAPIClient protocol.
        .target(name: "BotAPI", dependencies: ["Messaging"], swiftSettings: strict),
        // The Telegram adapter: renders Outgoing as Bot API requests, with Telegram's limits.
        .target(
            name: "Telegram",
            dependencies: ["Messaging", "BotAPI", "Casework", "Engine", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // MAX Bot API models, error type, limits and the outbox convention (WireRequest on MAX).
        .target(name: "MaxAPI", dependencies: ["Messaging"], swiftSettings: strict),
        // The MAX adapter: renders Outgoing as MAX requests, turns MAX's updates into events, receives
        // them by long polling (the marker kept with the handled page) or a webhook, and delivers.
        .target(
            name: "Max",
            dependencies: ["Messaging", "MaxAPI", "Casework", "Engine", "Store", .product(name: "Logging", package: "swift-log"),
                           .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        // VK API 5.199: the objects the service reads, the error envelope, the client protocol.
        .target(name: "VKAPI", swiftSettings: strict),
        // The libcurl-backed HTTP client, BotAPIClient, the MAX client and the VK client.
        .target(name: "CurlTransport", dependencies: ["CCurl", "BotAPI", "MaxAPI", "VKAPI"], swiftSettings: strict),
        // The engine: long poller, dispatcher (one transaction per batch), scheduler, sender with the
        // messenger's rate limits, clocks. Generic: reaches the bot only through UpdateHandling and
        // TimerHandling (Application.swift).
        .target(
            name: "Engine",
            dependencies: [
                "Messaging", "Store", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // VK: reads the posts and comments specialists share (and, later, publishes answers), through
        // any VKAPIClient, writing what it got back into the store.
        .target(
            name: "VK",
            dependencies: ["VKAPI", "Casework", "Engine", "Messaging", "Store", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The application: intake, routing, drafting, approval, people, reminders, reports in chat.
        .target(
            name: "Bot",
            dependencies: [
                "Engine", "Messaging", "Casework", "Conversation", "Store", "DialogTemplates", "CCrypto", "Reports", "DashboardAuth",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // The regulation as pure code: no I/O, no clock.
        .target(name: "Casework", swiftSettings: strict),
        // Config/*.yaml loading and validation (errors name file and line).
        .target(
            name: "Settings",
            dependencies: ["Casework", "CCrypto", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // The SQLite file: migrations, records, the journal, the outbox, timers, handled update ids.
        .target(
            name: "Store",
            dependencies: ["Casework", "Messaging", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        // Conversations as a pure state machine: input + session + actor → session + intents.
        .target(name: "Conversation", dependencies: ["Casework"], swiftSettings: strict),
        // Every user-facing text, from Dialogs/<lang>/*.yaml, rendered with Mustache.
        .target(
            name: "DialogTemplates",
            dependencies: [
                "Messaging",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        // KPIs per period, department and executor; the phone table, CSV and XLSX.
        .target(
            name: "Reports",
            dependencies: [
                "Casework", "Store", "DialogTemplates", "Messaging",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // Fake Bot API server on 127.0.0.1 with Telegram's semantics and refusals.
        .target(
            name: "Sandbox",
            dependencies: ["BotAPI", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        // Fake MAX Bot API server on 127.0.0.1 with MAX's refusals and limits, and a webhook sender.
        .target(
            name: "MaxSandbox",
            dependencies: ["MaxAPI", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        // Fake VK API on 127.0.0.1 with VK's key kinds, refusals, rates, captcha and the wall photo upload.
        .target(
            name: "VKSandbox",
            dependencies: ["VKAPI", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        // The dashboard: server-rendered pages of the load, the charts, the overdue cases and each case,
        // behind one-time login links and Telegram Mini App sign-in.
        // What the dashboard's sign-in rests on: signed login links and sessions, Telegram's initData check.
        .target(name: "DashboardAuth", dependencies: ["CCrypto"], swiftSettings: strict),
        .target(
            name: "Dashboard",
            dependencies: ["Store", "Reports", "Casework", "DialogTemplates", "Messaging", "DashboardAuth",
                           .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict
        ),
        // The Prometheus endpoint: the store's figures over HTTP on a loopback address.
        .target(
            name: "Metrics",
            dependencies: ["Store", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        // The composition root as a library: `otklik run`, the demo and the end-to-end tests share it.
        // Poller, scheduler, sender and metrics endpoint run as services of one ServiceGroup.
        .target(
            name: "OtklikApp",
            dependencies: [
                "BotAPI", "MaxAPI", "Max", "MaxSandbox", "VKAPI", "VK", "VKSandbox", "ChartRendering", "Dashboard", "DashboardAuth", "CurlTransport", "Engine", "Bot", "Messaging", "Telegram", "Casework", "Settings", "Store", "DialogTemplates", "Sandbox",
                "Conversation", "Metrics", .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The executable: command-line commands only.
        .executableTarget(
            name: "otklik",
            dependencies: [
                "BotAPI", "MaxAPI", "Max", "CurlTransport", "Engine", "Bot", "Messaging", "Telegram", "Sandbox", "Casework", "Settings", "Store", "DialogTemplates", "OtklikApp",
                "Reports", "CSystem", .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // The testing library: the doubles (a scripted Bot API, an outbox in memory) and the bot in
        // process (events in, outbox rows out). Only test targets depend on it.
        .target(
            name: "OtklikTesting",
            dependencies: [
                "Bot", "BotAPI", "Engine", "Messaging", "OtklikApp", "Settings", "Store", "DashboardAuth",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        // `make bench`: the service's figures against the sandbox. Never run by `make test`.
        .executableTarget(
            name: "otklik-bench",
            dependencies: [
                "OtklikApp", "Sandbox", "Store", "Engine", "Bot", "BotAPI", "Messaging", "Casework", "Settings", "CurlTransport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
            ],
            path: "Benchmarks/OtklikBench",
            swiftSettings: strict
        ),

        .testTarget(name: "BotAPITests", dependencies: ["BotAPI", "Messaging"], swiftSettings: strict),
        .testTarget(name: "MessagingTests", dependencies: ["Messaging"], swiftSettings: strict),
        .testTarget(name: "MaxAdapterTests", dependencies: ["Max", "MaxAPI", "Messaging", "Casework"], swiftSettings: strict),
        .testTarget(
            name: "CurlTransportTests",
            dependencies: ["CurlTransport", "Sandbox", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "BotAPI", "Messaging", "OtklikTesting"], swiftSettings: strict),
        .testTarget(name: "TelegramTests", dependencies: ["Telegram", "Messaging", "BotAPI", "Casework", "Engine", "OtklikTesting"], swiftSettings: strict),
        .testTarget(
            name: "BotTests",
            dependencies: ["Bot", "Casework", "Conversation", "DialogTemplates", "Store", "Messaging", "Settings", "OtklikTesting"],
            swiftSettings: strict
        ),
        .testTarget(name: "MaxAPITests", dependencies: ["MaxAPI", "Messaging"], swiftSettings: strict),
        .testTarget(
            name: "MaxSandboxTests",
            dependencies: ["MaxSandbox", "MaxAPI", "CurlTransport", "Messaging", .product(name: "FlyingFox", package: "FlyingFox")],
            swiftSettings: strict
        ),
        .testTarget(name: "SandboxTests", dependencies: ["Sandbox", "CurlTransport", "BotAPI", "Messaging"], swiftSettings: strict),
        // CurlVKClient against the VK sandbox over loopback HTTP.
        .testTarget(name: "VKSandboxTests", dependencies: ["VKSandbox", "VKAPI", "CurlTransport"], swiftSettings: strict),
        // Settings loads the real Config/screening lexicon for the screening tests.
        .testTarget(
            name: "CaseworkTests", dependencies: ["Casework", "Settings"], resources: [.copy("Fixtures")],
            swiftSettings: strict
        ),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "Casework"], swiftSettings: strict),
        // The command line's own formats (the JSON lines of `otklik due` and `otklik screen`).
        .testTarget(name: "CommandLineTests", dependencies: ["otklik", "Casework", "Settings"], swiftSettings: strict),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Casework", "BotAPI", "Messaging", "OtklikTesting"], swiftSettings: strict),
        // Settings loads the real Config/calendar; the XLSX is read back with openpyxl when python3 has it.
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "ChartRendering", "Store", "Casework", "Settings", "DialogTemplates", "Messaging",
                           .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "ConversationTests", dependencies: ["Conversation", "Casework"], swiftSettings: strict),
        .testTarget(name: "DialogTemplatesTests", dependencies: ["DialogTemplates", "Bot", "Messaging"], swiftSettings: strict),
        // `otklik status`, the metrics endpoint and the shipped production config.
        .testTarget(
            name: "OpsTests",
            dependencies: [
                "Metrics", "OtklikApp", "Store", "Settings", "CurlTransport", "Casework", "BotAPI", "Messaging", "OtklikTesting", "Sandbox",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Engine", "Bot", "Messaging", "Telegram", "Max", "MaxAPI", "MaxSandbox", "VKSandbox", "VKAPI", "DashboardAuth", "OtklikTesting", "CurlTransport", "Sandbox", "BotAPI", "OtklikApp", "Store", "Settings", "Casework",
                "Conversation", "DialogTemplates", .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
    ]
)
