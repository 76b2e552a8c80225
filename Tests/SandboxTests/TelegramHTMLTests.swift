import BotAPI
import Messaging
import Sandbox
import Testing

@Suite("Telegram HTML parse mode")
struct TelegramHTMLTests {
    @Test("tags become entities over the visible text, with UTF-16 offsets")
    func entities() throws {
        let (text, entities) = try TelegramHTML.parse("😀 <b>Жалоба</b> &lt;№ 5&gt; <i>по <u>дорогам</u></i>")
        #expect(text == "😀 Жалоба <№ 5> по дорогам")
        #expect(entities == [
            MessageEntity(type: "bold", offset: 3, length: 6),
            MessageEntity(type: "italic", offset: 16, length: 10),
            MessageEntity(type: "underline", offset: 19, length: 7),
        ])
    }

    @Test("links, spoilers, code blocks with a language and expandable quotes")
    func richTags() throws {
        let html = "<a href=\"https://gosuslugi.ru/x?a=1&amp;b=2\">link</a> <span class=\"tg-spoiler\">s</span> "
            + "<pre><code class=\"language-swift\">let x</code></pre> <blockquote expandable>q</blockquote> <code>c</code>"
        let (text, entities) = try TelegramHTML.parse(html)
        #expect(text == "link s let x q c")
        #expect(entities[0].type == "text_link")
        #expect(entities[0].url == "https://gosuslugi.ru/x?a=1&b=2")
        #expect(entities[1].type == "spoiler")
        #expect(entities[2].type == "pre")
        #expect(entities[2].language == "swift")
        #expect(entities[3].type == "expandable_blockquote")
        #expect(entities[4].type == "code")
        #expect(entities[4].language == nil)
    }

    @Test("numeric references decode; tag names are case-insensitive")
    func numericReferences() throws {
        let (text, entities) = try TelegramHTML.parse("&#1046;&#x416; <B>x</B>")
        #expect(text == "ЖЖ x")
        #expect(entities.map(\.type) == ["bold"])
    }

    @Test("refusals name the problem and its byte offset as Telegram does", arguments: [
        ("a <foo>b</foo>", "Unsupported start tag \"foo\" at byte offset 2"),
        ("<b>bold", "Can't find end tag corresponding to start tag \"b\""),
        ("<b>x</i>", "Unmatched end tag at byte offset 4, expected \"</b>\", found \"</i>\""),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", "Tag \"span\" must have class \"tg-spoiler\" at byte offset 0"),
        ("Tom & Jerry", "Unescaped \"&\" at byte offset 4; use &amp;"),
        ("a &nbsp; b", "Unsupported HTML entity \"&nbsp;\" at byte offset 2; use &amp; for \"&\""),
        ("1 > 0", "Unescaped \">\" at byte offset 2; use &gt;"),
        ("Ж <br>", "Unsupported start tag \"br\" at byte offset 3"),
    ])
    func refusals(html: String, message: String) {
        #expect(throws: TelegramHTML.ParseError(message: message)) { try TelegramHTML.parse(html) }
    }

    @Test("text escaped with RichText.escaping always parses back to itself")
    func escapedTextRoundTrips() throws {
        let raw = "<script> & \"quotes\" > 5 — Ёлка 🎄"
        let (text, entities) = try TelegramHTML.parse(RichText.escaping(raw))
        #expect(text == raw)
        #expect(entities.isEmpty)
    }
}
