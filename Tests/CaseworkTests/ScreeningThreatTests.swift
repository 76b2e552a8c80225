import Casework
import Testing

/// Threats against idioms, hyperbole, negation and reports of someone else's threat.
struct ScreeningThreatTests {
    @Test(arguments: [
        ("Глава, я тебя найду и убью", "тебя найду и убью"),
        ("Сожгу твою машину, понял?", "Сожгу твою машину"),
        ("Детей твоих достану", "Детей твоих достану"),
        ("Я знаю, где ты живёшь", "знаю, где ты живёшь"),
        ("Мэр, тебе не жить", "тебе не жить"),
        ("Я бы этого мэра придушил", "бы этого мэра придушил"),
        ("Таких чиновников надо расстрелять", "чиновников надо расстрелять"),
        ("Набью морду этому мастеру", "Набью морду"),
        ("Сломаю тебе ноги", "Сломаю тебе ноги"),
        ("Взорву вашу администрацию", "Взорву вашу администрацию"),
        ("Я этого соседа прибью", "соседа прибью"),
        ("УБЬЮ ТЕБЯ", "УБЬЮ ТЕБЯ"),
        ("ПАДАЖГУ вашу кантору ночью", "ПАДАЖГУ"),                       // written by ear
        ("з а р е ж у   г л а в у", "з а р е ж у   г л а в у"),          // spelled out, words apart
        ("Г Л А В А   Т Ы   Т Р У П", "Т Ы   Т Р У П"),
        ("Ты уже не жилец, прораб.", "Ты уже не жилец"),
        ("ЯВАСВСЕХПЕРЕРЕЖУ ПОНЯЛИ", "ЯВАСВСЕХПЕРЕРЕЖУ"),                // words run together
        ("завтравзорвувашууправу", "завтравзорвувашууправу"),
        ("Кто со мной? Идём в пятницу бить окна в офисе УК", "Идём в пятницу бить окна"),  // a call to damage
        ("Глава, спи с открытыми глазами. Мы подождём", "спи с открытыми глазами"),
        ("Срок мал, но я тебя найду и убью", "тебя найду и убью"),       // «мал» is not «мол»
        ("ЯТЕБЯУБЬЮСУКАПОНЯЛ", "ЯТЕБЯУБЬЮСУКАПОНЯЛ"),
    ])
    func threat(text: String, fragment: String) {
        let result = Screening.screener.screen(text)
        #expect(result.verdict == .threat)
        #expect(result.matches.filter { $0.kind == .threat }.map(\.fragment) == [fragment])
    }

    @Test(arguments: [
        "Убить время в очереди в МФЦ",                 // idiom
        "Эта яма убьёт подвеску",                      // third person, about a pothole
        "Убил бы за такой асфальт",                    // hyperbole, nobody targeted
        "Убью полдня, пока дозвонюсь до вас",          // idiom overrides «вас»
        "Я вас порву в суде",                          // legal battle
        "Я ноги переломаю на этом льду",               // own legs
        "Надо повесить знак у школы",
        "Я тебя не трону, глава",                      // negated
        "Разобью свою машину на этой дороге",          // own property
        "Расстреляю вас вопросами на прямой линии",    // a lawful means
        "Надо мочить их на выборах — голосами",        // the verb after a modal, with a lawful means
        "Вам конец на выборах, господин депутат",      // an end at the ballot box
        "Всех коррупционеров надо вешать на доску позора",
        "Статья 119 УК: угроза убийством наказывается лишением свободы",  // the law described
        "Давайте взорвём соцсети, чтобы мэрия обратила внимание на мост",  // an idiom of attention
        "Гнать в шею такого главврача!",               // an idiom of dismissal
        "Кто-то оставил в лифте записку «Всех вас взорву», вызвали полицию",  // a note's words reported
        "Врачи сказали, что он не жилец, а он выжил",
        "Давайте сожжём мусор у гаража, а не будем ждать вывоза",  // a bonfire
        "Будем бить тревогу, пока не отремонтируют окна",
        "Надо разбить клумбу у дома",
        "#благоустройствовсехдворов к лету",           // a long hashtag is no glued threat
        "Если и в этот раз отпишетесь, я вас в СМИ уничтожу",   // a lawful means
        "Председатель получает анонимки: «тебе конец». Полиция говорит ждать.",  // reported
        "Ребёнку закапаю капли в нос",                 // «закапаю» is not «закопаю» misspelt
        "Я уже два года жду ремонта",                  // nor «года» «гада»
        "Нас бы всех убило током",                     // nor «убило» «убила»
        "Сосед решил жечь мусор прямо у нас под окнами",
        "Завтра будем бить плитку в квартире, извините за шум",
        "В пятницу вместе с вами перережем ленточку у новой школы",
        "Старый тополь сгнил, он уже не жилец",
        "Приглашаем на Масленицу! #сожжемчучелозимы",
        "ЯВАСНИКОГДАНЕПОДОЖГУ",
    ])
    func notThreat(text: String) {
        #expect(Screening.verdict(text) == .clean)
    }

    @Test(arguments: [
        "Сосед грозился поджечь наш сарай",
        "Сосед кричал: «Убью тебя! Сожгу твой гараж!», я вызвала участкового",
        "Мне угрожают: пишут «сожгу твою машину»",
        "Водитель сказал, что убьёт меня",
        "Нас запугивают: «Детей твоих достанем»",
    ])
    func reportOfSomeoneElsesThreat(text: String) {
        #expect(Screening.verdict(text) == .clean)
    }

    @Test func threatWinsOverObsceneAndBothAreShown() {
        let result = Screening.screener.screen("Я тебя, блядь, найду и убью")
        #expect(result.verdict == .threat)
        #expect(result.matches.map(\.kind) == [.threat, .obscene])
        #expect(result.matches.map(\.fragment) == ["тебя, блядь, найду и убью", "блядь"])
    }

    @Test func obsceneWordsThatPromiseHarmAreAThreat() {
        let result = Screening.screener.screen("Ну всё, сосед, тебе пизда")
        #expect(result.verdict == .threat)
        #expect(result.matches.map(\.fragment) == ["тебе пизда", "пизда"])
    }

    @Test func sentencesAreSeparate() {
        // The reported threat in one sentence does not excuse the author's own in the next.
        #expect(Screening.verdict("Сосед грозился поджечь сарай. А я тебя убью, глава") == .threat)
        // Nor do words of different sentences combine into one.
        #expect(Screening.verdict("Убью полдня на справки. Тебя, глава, это не касается") == .clean)
    }
}
