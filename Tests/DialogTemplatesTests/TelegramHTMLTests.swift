import Testing
@testable import DialogTemplates

@Suite struct TelegramHTMLTests {
    @Test func acceptsWhatTelegramAccepts() {
        let ok = [
            "<b>a</b> <strong>b</strong> <i>c</i> <em>d</em> <u>e</u> <s>f</s> <tg-spoiler>g</tg-spoiler>",
            #"<a href="https://vk.com/wall-1_2">пост</a> &lt;&gt;&amp;&quot; &#39; &#x1F600;"#,
            #"<pre><code class="language-swift">let x = 1</code></pre> <span class="tg-spoiler">x</span>"#,
            "<blockquote expandable><b>цитата</b></blockquote>",
        ]
        for text in ok { #expect(TelegramHTML.problems(in: text) == [], "\(text)") }
    }

    @Test func refusesWhatTelegramRefuses() {
        let bad: [String: String] = [
            "<b>a</i>": "</i> closes <b>",
            "<p>a</p>": "<p> is not a tag Telegram accepts",
            "<a>x</a>": "<a> needs href=\"…\"",
            "1 < 2": "a bare '<' must be written &lt;",
            "&nbsp;": "a bare '&' must be written &amp;",
            "<code><b>x</b></code>": "<b> cannot be inside <code>",
            "<blockquote><blockquote>x</blockquote></blockquote>": "<blockquote> cannot be nested",
            "</b>": "</b> closes nothing",
        ]
        for (text, problem) in bad { #expect(TelegramHTML.problems(in: text).first == problem, "\(text)") }
    }
}
