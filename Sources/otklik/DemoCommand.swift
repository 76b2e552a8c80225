import ArgumentParser
import Foundation
import Messaging
import OtklikApp
import Settings

/// `otklik demo`: the whole case life on the embedded sandbox, with a transcript; no token, no network.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Play a full case life on an embedded Telegram (or MAX) sandbox and print what each person saw."
    )

    @Option(help: "The config whose departments, calendar, screening and texts the demo uses.")
    var config = AppSettings.defaultPath

    @Option(help: "ru or en.")
    var lang = "ru"

    @Option(help: "telegram or max: the messenger whose embedded sandbox the story plays on.")
    var messenger = "telegram"

    @Flag(help: "Pause after each step until Enter is pressed.")
    var step = false

    func run() async throws {
        guard ["ru", "en"].contains(lang) else { throw ValidationError("--lang takes ru or en") }
        guard let chosen = Messenger(rawValue: messenger) else { throw ValidationError("--messenger takes telegram or max") }
        var demo = Demo(configPath: config, language: lang)
        demo.messenger = chosen
        if step {
            demo.stepping = true
            demo.pause = { _ in
                print("   (Enter — next step)", terminator: "")
                _ = readLine()
            }
        }
        let started = Date()
        do {
            let transcript = try await demo.run()
            print(transcript)
            print("")
            print(lang == "en" ? "Demo finished: every step happened as scripted (\(Self.seconds(since: started)) s)."
                               : "Демо завершено: все шаги прошли как задумано (\(Self.seconds(since: started)) с).")
        } catch {
            printError("demo failed: \(error)")
            throw ExitCode.failure
        }
    }

    static func seconds(since start: Date) -> String { String(format: "%.1f", Date().timeIntervalSince(start)) }
}
