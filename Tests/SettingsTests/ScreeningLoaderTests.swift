import Casework
import Foundation
import Settings
import Testing

/// The screening loader accepts the shipped lexicon and refuses bad entries with file and line.
struct ScreeningLoaderTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/screening").path

    let obscene = "roots:\n  - id: x\n    stem: жуть\n"
    let threats = "classes:\n  act: [трону]\nrules:\n  - id: r\n    all: [act, [тебя]]\n    window: 3\n"
    let notThreats = "idioms: []\nreported_speech: [сказал*]\nnegations: [не]\n"

    func parse(obscene: String? = nil, threats: String? = nil, notThreats: String? = nil) throws(ConfigErrors) -> ScreeningLexicon {
        do {
            return try ScreeningLoader.parse(
                obscene: YAMLFile.parse(obscene ?? self.obscene, path: "obscene.yaml"),
                threats: YAMLFile.parse(threats ?? self.threats, path: "threats.yaml"),
                notThreats: YAMLFile.parse(notThreats ?? self.notThreats, path: "not-threats.yaml")
            )
        } catch let error as ConfigError {
            throw ConfigErrors([error])
        } catch let errors as ConfigErrors {
            throw errors
        } catch {
            fatalError("\(error)")
        }
    }

    func refusal(obscene: String? = nil, threats: String? = nil, notThreats: String? = nil) -> ConfigError? {
        do {
            _ = try parse(obscene: obscene, threats: threats, notThreats: notThreats)
            return nil
        } catch {
            return error.errors.first
        }
    }

    @Test func theShippedLexiconLoadsAndScreens() throws {
        let lexicon = try ScreeningLoader.load(folder: Self.folder)
        #expect(lexicon.roots.count >= 10)
        #expect(!lexicon.threatRules.isEmpty && !lexicon.idioms.isEmpty && !lexicon.reportedSpeech.isEmpty)
        #expect(Screener(lexicon: lexicon).screen("х у й").verdict == .obscene)
    }

    @Test func aSmallLexiconLoads() throws {
        let lexicon = try parse()
        #expect(lexicon.roots == [ObsceneRoot(id: "x", stem: "жуть")])
        #expect(lexicon.threatRules == [ThreatRule(id: "r", slots: [["трону"], ["тебя"]], window: 3)])
        #expect(Screener(lexicon: lexicon).screen("трону тебя").verdict == .threat)
    }

    @Test func anEmptyStemIsRefusedWithItsLine() {
        let error = refusal(obscene: "roots:\n  - id: x\n    stem: жуть\n  - id: y\n    stem: \"\"\n")
        #expect(error?.file == "obscene.yaml")
        #expect(error?.line == 5)
        #expect(error?.message.contains("stem") == true)
    }

    @Test func aStemThatIsNotLettersIsRefused() {
        let error = refusal(obscene: "roots:\n  - stem: ху*\n")
        #expect(error?.line == 2)
        #expect(error?.message.contains("*") == true)
    }

    @Test func anUnknownKeyIsRefusedWithItsLine() {
        let error = refusal(obscene: "roots:\n  - id: x\n    stem: жуть\n    prefix: [по]\n")
        #expect(error?.line == 4)
        #expect(error?.message.contains("unknown key «prefix»") == true)
    }

    @Test func anInvalidWordPatternIsRefused() {
        let error = refusal(threats: "classes:\n  act: [трону, у*бью]\nrules: []\n")
        #expect(error?.file == "threats.yaml")
        #expect(error?.line == 2)
        #expect(error?.message.contains("у*бью") == true)
    }

    @Test func anUnknownClassIsRefused() {
        let error = refusal(threats: "rules:\n  - id: r\n    all: [act, [тебя]]\n    window: 3\n")
        #expect(error?.line == 3)
        #expect(error?.message.contains("unknown class «act»") == true)
    }

    @Test func aWindowSmallerThanTheSlotsIsRefused() {
        let error = refusal(threats: "rules:\n  - id: r\n    all: [[трону], [тебя], [сейчас]]\n    window: 2\n")
        #expect(error?.line == 4)
        #expect(error?.message.contains("window") == true)
    }

    @Test func aYAMLSyntaxErrorNamesTheLine() {
        let error = refusal(notThreats: "idioms: []\nnegations: [не\n")
        #expect(error?.file == "not-threats.yaml")
        #expect(error?.line != nil)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        do {
            _ = try parse(obscene: "roots:\n  - stem: \"\"\n  - stem: жуть\n    nope: 1\n", threats: "rules:\n  - id: r\n")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.errors.map(\.file) == ["obscene.yaml", "obscene.yaml", "threats.yaml"])
        }
    }

    @Test func aMissingFolderNamesTheFile() {
        do {
            _ = try ScreeningLoader.load(folder: "/nonexistent/screening")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.errors.first?.file == "/nonexistent/screening/obscene.yaml")
        }
    }
}
