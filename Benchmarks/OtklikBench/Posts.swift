import Casework
import Foundation

/// Citizens' posts like those a city's specialists forward: a complaint about a place, with a link.
enum Posts {
    static let streets = ["Ленина", "Мира", "Советская", "Гагарина", "Пушкина", "Садовая", "Луговая", "Заводская",
                          "Молодёжная", "Школьная", "Октябрьская", "Северная", "Южная", "Набережная", "Полевая"]
    static let problems = [
        "огромная яма на дороге, машины объезжают по встречке",
        "третий день нет горячей воды, в управляющей компании не отвечают",
        "не вывозят мусор, контейнеры переполнены, запах на весь двор",
        "не горят фонари, вечером идти страшно, дети возвращаются из школы в темноте",
        "тротуар разбит, после дождя сплошные лужи и грязь",
        "в подъезде течёт крыша, на пятом этаже плесень",
        "автобус №12 ходит раз в час, люди опаздывают на работу",
        "во дворе сломали детскую площадку, качели висят на одной цепи",
        "сосулька над входом в аптеку, никто не огораживает",
        "снег не убирают с остановки, пожилые люди падают",
    ]
    static let openings = ["Уважаемая администрация!", "Сколько можно терпеть?", "Жители просят разобраться.",
                           "Обращаемся уже не первый раз.", "Помогите, пожалуйста."]

    /// The text of post `index` (deterministic), about 150–250 characters, with a VK link of its own.
    static func text(_ index: Int, salt: UInt64 = 0) -> String {
        var random = SplitMix(seed: UInt64(index) &* 2_654_435_761 &+ salt)
        let street = streets.randomElement(using: &random)!
        let house = Int.random(in: 1...120, using: &random)
        let problem = problems.randomElement(using: &random)!
        let opening = openings.randomElement(using: &random)!
        return "\(opening) На улице \(street), \(house): \(problem). https://vk.com/wall-\(100_000 + index % 997)_\(index + 1)"
    }
}
