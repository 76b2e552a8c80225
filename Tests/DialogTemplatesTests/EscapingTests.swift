import Messaging
import Testing
@testable import DialogTemplates

/// User text (post excerpts, names) reaches Telegram HTML only escaped.
@Suite struct EscapingTests {
    func dialogs() throws -> (Dialogs, TempDialogs) {
        let folder = try TempDialogs([
            "ru/t.yaml": """
            t.plain: "Автор: {{author}}"
            t.link: '<a href="{{url}}">{{title}}</a>'
            t.wrap: "<b>Итог</b>\\n{{{body}}}"
            """,
        ])
        return (try Dialogs.load(folder: folder.path, language: "ru"), folder)
    }

    @Test func hostileTextIsEscapedIntoValidTelegramHTML() throws {
        let (d, folder) = try dialogs()
        defer { folder.remove() }
        let text = d.render("t.plain", ["author": #"<script>alert('x')</script> & "Ко""#])
        // swift-mustache escapes ' as &#39; — a numeric entity, which Telegram accepts.
        #expect(text == "Автор: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ко&quot;")
        #expect(RichText.problems(in: text) == [])
    }

    @Test func quotesCannotBreakOutOfAnAttribute() throws {
        let (d, folder) = try dialogs()
        defer { folder.remove() }
        let text = d.render("t.link", ["url": #"https://vk.com/x" onclick="y"#, "title": "<b>"])
        #expect(text == #"<a href="https://vk.com/x&quot; onclick=&quot;y">&lt;b&gt;</a>"#)
        #expect(RichText.problems(in: text) == [])
    }

    @Test func fragmentsGoInAsIsButPlainTextNeverDoes() throws {
        let (d, folder) = try dialogs()
        defer { folder.remove() }
        #expect(d.render("t.wrap", ["body": .html("<i>готово</i>")]) == "<b>Итог</b>\n<i>готово</i>")
        #expect(d.misses.isEmpty)
        // A caller passing user text to {{{body}}} by mistake still cannot inject tags.
        #expect(d.render("t.wrap", ["body": .text("<i>")]) == "<b>Итог</b>\n&lt;i&gt;")
        #expect(d.misses == [DialogMiss(key: "t.wrap", kind: .textInRawPlaceholder("body"))])
    }

    @Test func aMissingKeyShowsTheKeyAndIsRecorded() throws {
        let (d, folder) = try dialogs()
        defer { folder.remove() }
        #expect(d.render("t.nope") == "t.nope")
        #expect(d.render("t.plain") == "Автор:")
        #expect(d.misses == [DialogMiss(key: "t.nope", kind: .missingKey), DialogMiss(key: "t.plain", kind: .missingValue("author"))])
    }
}
