import Foundation
import Testing
@testable import Messaging

/// Measuring and splitting rich text as the messengers count it.
@Suite struct RichTextMarkupTests {
    @Test func escapesTheFourCharactersTelegramRequires() {
        #expect(RichText.escaping(#"Яма & <лужа> "тут""#) == "Яма &amp; &lt;лужа&gt; &quot;тут&quot;")
    }

    @Test func visibleLengthIgnoresTagsAndCountsEntitiesOnce() {
        #expect(RichText.visibleLength("<b>Дом</b> &amp; двор") == 10)
        // Emoji outside the BMP are two UTF-16 units, as Telegram counts.
        #expect(RichText.visibleLength("🚧") == 2)
    }

    @Test func shortTextIsOnePart() {
        #expect(RichText.split("коротко", limit: 4096) == ["коротко"])
    }

    @Test func splitsAtParagraphsBeforeLines() {
        let a = String(repeating: "а", count: 30), b = String(repeating: "б", count: 30)
        let text = a + "\n" + b + "\n\n" + a
        let parts = RichText.split(text, limit: 70)
        #expect(parts == [a + "\n" + b, a])
    }

    @Test func splitsAtSpacesWhenALineIsTooLong() {
        let words = Array(repeating: "слово", count: 30).joined(separator: " ")
        let parts = RichText.split(words, limit: 40)
        #expect(parts.allSatisfy { RichText.visibleLength($0) <= 40 })
        #expect(parts.joined(separator: " ") == words)
    }

    @Test func hardCutKeepsEveryCharacter() {
        let long = String(repeating: "ж", count: 100)
        let parts = RichText.split(long, limit: 30)
        #expect(parts.map(\.count) == [30, 30, 30, 10])
        #expect(parts.joined() == long)
    }

    @Test func tagsOpenAtASplitAreClosedAndReopened() {
        let text = "<b>" + String(repeating: "x ", count: 20) + "</b>"
        let parts = RichText.split(text, limit: 12)
        #expect(parts.count > 1)
        for part in parts {
            #expect(part.hasPrefix("<b>"))
            #expect(part.hasSuffix("</b>"))
            #expect(RichText.visibleLength(part) <= 12)
        }
    }

    @Test func neverSplitsInsideAnEntity() {
        let text = String(repeating: "&amp;", count: 10)
        let parts = RichText.split(text, limit: 3)
        #expect(parts.allSatisfy { $0.hasSuffix(";") && $0.hasPrefix("&") })
        #expect(parts.joined() == text)
    }

    @Test func plainTextDoesNotTreatAmpersandsAsEntities() {
        #expect(RichText.visibleLength("&amp;", isHTML: false) == 5)
    }
}
