import Testing
@testable import Messaging

/// Rich text uses only the marks both Telegram and MAX accept, written so Telegram's strict parser takes them.
@Suite struct RichTextProblemsTests {
    @Test func acceptsOurMarks() {
        let ok = [
            "<b>a</b> <strong>b</strong> <i>c</i> <em>d</em> <u>e</u> <s>f</s> <del>g</del> <ins>h</ins>",
            #"<a href="https://vk.com/wall-1_2">пост</a> &lt;&gt;&amp;&quot; &#39; &#x1F600;"#,
            #"<pre><code class="language-swift">let x = 1</code></pre>"#,
            "<blockquote expandable><b>цитата</b></blockquote>",
        ]
        for text in ok { #expect(RichText.problems(in: text) == [], "\(text)") }
    }

    @Test func refusesWhatOneOfTheMessengersRefuses() {
        let bad: [String: String] = [
            "<b>a</i>": "</i> closes <b>",
            "<p>a</p>": "<p> is not a mark rich text uses (b, i, u, s, code, pre, blockquote, a)",
            // Telegram's own: MAX would show the words without the spoiler.
            "<tg-spoiler>x</tg-spoiler>": "<tg-spoiler> is not a mark rich text uses (b, i, u, s, code, pre, blockquote, a)",
            "<a>x</a>": "<a> needs href=\"…\"",
            "1 < 2": "a bare '<' must be written &lt;",
            "&nbsp;": "a bare '&' must be written &amp;",
            "<code><b>x</b></code>": "<b> cannot be inside <code>",
            "<blockquote><blockquote>x</blockquote></blockquote>": "<blockquote> cannot be nested",
            "</b>": "</b> closes nothing",
        ]
        for (text, problem) in bad { #expect(RichText.problems(in: text).first == problem, "\(text)") }
    }
}
