import Testing
@testable import Casework

@Suite struct AnswerFormatTests {
    @Test func telegramTakes4096UTF16UnitsAndCaptions1024() {
        let fits = String(repeating: "а", count: 4096)
        #expect(AnswerFormatChecker.check(AnswerDraft(text: fits, photos: 0), network: .telegram).isEmpty)
        let over = AnswerDraft(text: fits + "б")
        #expect(AnswerFormatChecker.check(over, network: .telegram) == [.tooLong(length: 4097, limit: 4096)])
        // Emoji count as two units, as Telegram counts them.
        let emoji = AnswerDraft(text: String(repeating: "👍", count: 2049))
        #expect(AnswerFormatChecker.check(emoji, network: .telegram) == [.tooLong(length: 4098, limit: 4096)])
        let caption = AnswerDraft(text: String(repeating: "а", count: 1025), photos: 1)
        #expect(AnswerFormatChecker.check(caption, network: .telegram) == [.captionTooLong(length: 1025, limit: 1024)])
    }

    @Test func instagramLimitsLengthHashtagsLinksAndMedia() {
        let long = AnswerDraft(text: String(repeating: "а", count: 2201))
        #expect(AnswerFormatChecker.check(long, network: .instagram) == [.tooLong(length: 2201, limit: 2200)])
        #expect(AnswerFormatChecker.check(long, network: .vk).isEmpty)
        let tags = (1...31).map { "#тег\($0)" }.joined(separator: " ")
        #expect(AnswerFormatChecker.check(AnswerDraft(text: tags), network: .instagram)
            == [.tooManyHashtags(count: 31, limit: 30)])
        let link = AnswerDraft(text: "Подробности на сайте slavgorod.ru/news/12 и https://vk.com/wall-1_2")
        #expect(AnswerFormatChecker.check(link, network: .instagram) == [.linksNotClickable(count: 2)])
        #expect(AnswerFormatChecker.check(link, network: .vk).isEmpty)
        let photo = AnswerDraft(text: "Яма засыпана.", photos: 2)
        #expect(AnswerFormatChecker.check(photo, network: .instagram) == [.mediaNotAccepted(count: 2)])
    }

    @Test func facebookTakes8000AndOnePhoto() {
        #expect(AnswerFormatChecker.check(AnswerDraft(text: String(repeating: "а", count: 8001)), network: .facebook)
            == [.tooLong(length: 8001, limit: 8000)])
        #expect(AnswerFormatChecker.check(AnswerDraft(text: "Работы выполнены.", photos: 3), network: .facebook)
            == [.tooManyMedia(count: 3, limit: 1)])
    }

    @Test func leftoverMarkupIsReported() {
        let html = AnswerDraft(text: "<b>Уважаемый житель!</b> Ответ<br> ниже. Сравнение: 3 < 5 и 7 > 2.")
        #expect(AnswerFormatChecker.check(html, network: .vk) == [.htmlTags(["<b>", "</b>", "<br>"])])
        let md = AnswerDraft(text: "**Уважаемый житель!** См. [сайт](https://slavgorod.ru). 2*3=6")
        #expect(AnswerFormatChecker.check(md, network: .ok) == [.markdown(["**Уважаемый житель!**", "[сайт](https://slavgorod.ru)"])])
        // Telegram renders markdown typed in its apps; HTML tags still show.
        #expect(AnswerFormatChecker.check(md, network: .telegram).isEmpty)
    }

    @Test func mentionsOverTheLimit() {
        let text = (1...21).map { "@user\($0)" }.joined(separator: " ")
        #expect(AnswerFormatChecker.check(AnswerDraft(text: text), network: .instagram)
            == [.tooManyMentions(count: 21, limit: 20)])
        // An e-mail address is not a mention.
        #expect(AnswerFormatChecker.check(AnswerDraft(text: "Пишите на adm@slavgorod.ru"), network: .telegram).isEmpty)
    }

    @Test("reported work without photo or video gets a hint", arguments: [
        ("Работы по ремонту дороги выполнены.", "выполнены"),
        ("Дорога отремонтирована, яма засыпана.", "отремонтирована"),
        ("Неисправность устранена 12 мая.", "устранена"),
        ("Мусор вывезен в полном объёме.", "вывезен"),
        ("Заменены три светильника на ул. Мира.", "Заменены"),
        ("Сегодня бригада вывезла мусор и убрала территорию.", "вывезла"),
        ("Аварийное дерево спилено.", "спилено"),
        ("Коммунальщики починили трубу.", "починили"),
    ])
    func workDoneHints(_ text: String, _ phrase: String) {
        #expect(AnswerFormatChecker.check(AnswerDraft(text: text), network: .vk) == [.workDoneWithoutMedia(phrase: phrase)])
        #expect(AnswerFormatChecker.check(AnswerDraft(text: text, photos: 1), network: .vk).isEmpty)
        #expect(AnswerFormatChecker.check(AnswerDraft(text: text, videos: 1), network: .vk).isEmpty)
    }

    @Test("promises and denials are not work done", arguments: [
        "Дорога будет отремонтирована в июне.",
        "Работы будут выполнены до конца месяца.",
        "Мусор не вывезен из-за погоды, вывезут завтра.",
        "Обращение передано в управляющую компанию.",
        "Ремонт запланирован на следующий год.",
        "Проверим и сообщим.",
    ])
    func notWorkDone(_ text: String) {
        #expect(AnswerFormatChecker.check(AnswerDraft(text: text), network: .vk).isEmpty)
    }

    @Test func emptyDraftMustBeFixed() {
        let issues = AnswerFormatChecker.check(AnswerDraft(text: "  \n"), network: .vk)
        #expect(issues == [.empty])
        #expect(issues[0].mustFix)
        #expect(!AnswerFormatIssue.workDoneWithoutMedia(phrase: "x").mustFix)
        // Media alone is an answer on networks that take media.
        #expect(AnswerFormatChecker.check(AnswerDraft(text: "", photos: 1), network: .vk).isEmpty)
    }

    @Test func configuredLimitsOverrideDefaults() {
        let strict = NetworkLimits(textLimit: 10)
        #expect(AnswerFormatChecker.check(AnswerDraft(text: "Ответ длиннее десяти"), network: .other, limits: strict)
            == [.tooLong(length: 20, limit: 10)])
        #expect(AnswerFormatChecker.check(AnswerDraft(text: String(repeating: "а", count: 100_000)), network: .other).isEmpty)
    }
}
