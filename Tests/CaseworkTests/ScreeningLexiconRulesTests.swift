import Casework
import Testing

/// The lexicon's rules mean what the YAML comments say, on a lexicon built in code.
struct ScreeningLexiconRulesTests {
    let screener = Screener(lexicon: ScreeningLexicon(
        roots: [
            ObsceneRoot(id: "root", stem: "жуть", before: .only(["по", "за"]), after: .only(["ки", "$"])),
            ObsceneRoot(id: "dark", stem: "мрак", exceptions: ["мракоб"]),
        ],
        innocentWords: ["замрак*"],
        threatRules: [ThreatRule(id: "rule", slots: [["трону"], ["тебя"]], window: 3)],
        idioms: [ThreatRule(id: "idiom", slots: [["трону"], ["сердце"]], window: 5)],
        reportedSpeech: ["сказал*"],
        negations: ["не"]
    ))

    @Test func prefixesChainAndEndingsRestrict() {
        #expect(screener.screen("жуть").verdict == .obscene)
        #expect(screener.screen("запожутьки").verdict == .obscene)   // за + по
        #expect(screener.screen("пережуть").verdict == .clean)       // «пере» is not listed
        #expect(screener.screen("жутьма").verdict == .clean)         // «ма» does not follow
    }

    @Test func exceptionsAndInnocentWordsWin() {
        #expect(screener.screen("омрак").verdict == .obscene)
        #expect(screener.screen("мракобес").verdict == .clean)
        #expect(screener.screen("замраком").verdict == .clean)
    }

    @Test func ruleIdiomNegationAndReport() {
        #expect(screener.screen("трону тебя").matches == [ScreeningMatch(fragment: "трону тебя", kind: .threat, rule: "rule")])
        #expect(screener.screen("трону тебя в самое сердце").verdict == .clean)
        #expect(screener.screen("не трону тебя").verdict == .clean)
        #expect(screener.screen("он сказал: трону тебя").verdict == .clean)
        #expect(screener.screen("трону, ну, тебя").verdict == .threat)        // within the window
        #expect(screener.screen("трону, ну, вот, тебя").verdict == .clean)   // beyond it
    }
}
