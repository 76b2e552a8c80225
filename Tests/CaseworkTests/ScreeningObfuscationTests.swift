import Casework
import Testing

/// Each obfuscation style is caught, and the fragment is shown exactly as the author wrote it.
struct ScreeningObfuscationTests {
    @Test(arguments: [
        ("Какого хуя нет воды", "хуя"),                        // plain, inflected
        ("Вы там совсем охуели?", "охуели"),                    // derivative with prefix
        ("Нас наебали с ремонтом", "наебали"),
        ("Долбоёбы из УК", "Долбоёбы"),                         // ё
        ("Блидь, опять отключили свет", "Блидь"),               // е written as и
        ("Дороги у вас х у й н я   полная", "х у й"),           // spelled out, words apart
        ("х у  й вам а не ремонт", "х у  й"),                   // a stray double space is no gap
        ("Наш Мэр Мудак", "Мудак"),                             // capitalised, but no foreign name
        ("Что у вас пиздец творится с дорогами", "пиздец"),     // obscene, not «вам пиздец», no threat
        ("Дороги у вас xyйня", "xyйня"),                        // Latin look-alikes
        ("ХУЙHЯ а не ремонт", "ХУЙHЯ"),                         // Latin H among capitals
        ("Blyat, gde avtobus", "Blyat"),                       // transliteration digraphs
        ("Это п1здец", "п1здец"),                               // digit for a letter
        ("3аебали с отключениями", "3аебали"),
        ("бл9ть, опять", "бл9ть"),
        ("Хуууууй вам", "Хуууууй"),                             // repeated letters
        ("Дорога х.у.й.н.я", "х.у.й.н.я"),                      // dots between letters
        ("Это п-и-з-д-е-ц", "п-и-з-д-е-ц"),
        ("Пи.здец в нашем дворе", "Пи.здец"),                   // separator inside the word
        ("х у й вам, а не дорога", "х у й"),                    // spaced letters
        ("Б Л Я Т Ь, опять", "Б Л Я Т Ь"),
        ("Х*й вам", "Х*й"),                                     // masks
        ("Б**дь, опять без воды", "Б**дь"),
        ("Это п***ц", "п***ц"),
        ("За*бали уже", "За*бали"),
        ("Бл..дь, свет отключили", "Бл..дь"),
        ("Вы о#уели там?", "о#уели"),
        ("Опять ху\u{200B}йня с водой", "ху\u{200B}йня"),       // zero-width space
        ("бля\u{00AD}дь, опять", "бля\u{00AD}дь"),              // soft hyphen
        ("ПиЗдЕц На ДоРоГаХ", "ПиЗдЕц"),                        // mixed case
        ("Бля\u{0301}дь, где автобус", "Бля\u{0301}дь"),        // combining accent
        ("ｈｕｉ вам", "ｈｕｉ"),                                 // fullwidth
        ("Хуи\u{0306}ня с отоплением", "Хуи\u{0306}ня"),        // decomposed й
        ("Х🤬уй вам", "Х🤬уй"),                                 // emoji inside the word
        ("6.л.я.д.ь, снова", "6.л.я.д.ь"),                      // a digit first among separated letters
        ("x-y-й-н-я полная", "x-y-й-н-я"),                      // Latin look-alikes among Cyrillic, separated
        ("расп!3дяи из водоканала", "расп!3дяи"),              // ! and a digit for two letters
        ("п.1.з.д.@ рулю", "п.1.з.д.@"),                        // not an e-mail address
        ("}{уйня с контейнерами", "}{уйня"),                    // braces drawing х
        ("Раз*ебали всю площадку", "Раз*ебали"),                // a masked prefix letter
        ("3@лупа полная", "3@лупа"),                            // two signs before the letters
        ("До лбоёбы положили плитку", "До лбоёбы"),             // broken inside the prefix
        ("Отьибитесь уже", "Отьибитесь"),                       // ь for ъ, и for е
    ])
    func caught(text: String, fragment: String) {
        let result = Screening.screener.screen(text)
        #expect(result.verdict == .obscene)
        #expect(result.matches.map(\.fragment) == [fragment])
    }

    @Test func spacedLettersDoNotSwallowNeighbours() {
        // Only the single letters are glued: the words around stay out of the fragment.
        #expect(Screening.fragments("вот вам х у й а не ремонт") == ["х у й"])
        #expect(Screening.verdict("Я у х. Новый живу, и в т.ч. без света") == .clean)
    }

    @Test func eachPlaceIsReportedOnce() {
        #expect(Screening.fragments("хуйня-пиздец, и снова хуйня") == ["хуйня-пиздец", "хуйня"])
    }
}
