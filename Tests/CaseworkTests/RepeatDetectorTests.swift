import Foundation
import Testing
@testable import Casework

@Suite struct RepeatDetectorTests {
    let detector = RepeatDetector()
    let day = Date(timeIntervalSince1970: 1_700_000_000)

    func post(_ text: String, link: String? = nil, author: String? = nil) -> PostFeatures {
        var source = link.flatMap(SourceDetector.source(ofLink:)) ?? PostSource(network: .other)
        if let author { source.authorKey = author }
        return PostFeatures(source: source, text: text)
    }

    func earlier(_ id: Int64, _ features: PostFeatures, daysAgo: Double = 10, department: String? = "roads") -> EarlierCase {
        EarlierCase(id: id, post: features, departmentID: department, openedAt: day.addingTimeInterval(-daysAgo * 86_400))
    }

    @Test func eachReasonIsNamed() {
        let cases = [
            earlier(1, post("Яма во дворе", link: "https://vk.com/wall-1_2")),
            earlier(2, post("Нет воды", link: "https://vk.com/wall-1_3")),
            earlier(3, post("Не горит фонарь у подъезда", author: "vk:7")),
            earlier(4, post("Огромная яма на дороге у Ленина, 45")),
            earlier(5, post("По всему городу неделю не вывозят мусор, все контейнеры переполнены")),
        ]
        func reason(_ p: PostFeatures) -> RepeatReason? { detector.candidates(for: p, among: cases).first?.reason }
        #expect(reason(post("", link: "https://m.vk.com/wall-1_2?from=groups")) == .sameLink)
        #expect(reason(post("И у нас", link: "https://vk.com/wall-1_3?reply=9")) == .sameThread)
        #expect(reason(post("Месяц прошёл, фонарь у подъезда так и не горит", author: "vk:7")) == .sameAuthorSimilarText)
        #expect(reason(post("На улице Ленина у дома 45 выбоина, сломал подвеску")) == .similarTextSamePlace)
        #expect(reason(post("Уже неделю по всему городу не вывозят мусор, контейнеры переполнены")) == .sameText)
        #expect(reason(post("Не работает светофор у рынка")) == nil)
    }

    @Test func candidatesCarryTheEarlierDepartmentAndPlace() throws {
        let cases = [earlier(4, post("Яма на дороге у Ленина, 45"), department: "roads")]
        let found = try #require(detector.candidates(for: post("Выбоина у дома Ленина 45"), among: cases).first)
        #expect(found.caseID == 4 && found.departmentID == "roads")
        #expect(found.place == Place(kind: .street, name: "ленин", house: "45"))
        #expect(found.score > 0.5 && found.score <= 1)
    }

    @Test func sameAuthorWithAnotherProblemOrPlaceIsNotARepeat() {
        let cases = [earlier(1, post("Не горит фонарь у подъезда", author: "vk:7"))]
        #expect(detector.candidates(for: post("Во дворе переполнены мусорные баки", author: "vk:7"), among: cases).isEmpty)
        let onLenina = [earlier(2, post("Не горят фонари на ул. Ленина", author: "vk:-1"))]
        #expect(detector.candidates(for: post("Не горят фонари на ул. Мира", author: "vk:-1"), among: onLenina).isEmpty)
    }

    @Test func rankedByScoreThenRecencyThenNumber() {
        let text = "Яма на дороге у Ленина, 45"
        let cases = [
            earlier(1, post(text), daysAgo: 30),
            earlier(2, post(text), daysAgo: 5),
            earlier(3, post(text), daysAgo: 5),
            earlier(9, post("x", link: "https://vk.com/wall-1_2"), daysAgo: 300),
        ]
        let found = detector.candidates(for: post(text, link: "https://vk.com/wall-1_2"), among: cases, limit: 3)
        #expect(found.map(\.caseID) == [9, 3, 2])
    }
}
