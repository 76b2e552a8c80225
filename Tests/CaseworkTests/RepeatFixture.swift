import Foundation
import Testing
@testable import Casework

/// One hand-labelled pair of Tests/CaseworkTests/Fixtures/repeats.jsonl.
struct RepeatPair: Decodable, Sendable {
    struct Side: Decodable, Sendable {
        var text: String
        var link: String?
        var author: String?

        /// Features as intake would build them: source from the link, an explicit author key overriding.
        var features: PostFeatures {
            var source = link.flatMap(SourceDetector.source(ofLink:)) ?? PostSource(network: .other)
            if let author { source.authorKey = author }
            return PostFeatures(source: source, text: text)
        }
    }

    var id: Int
    var repeatOf: Bool
    var kind: String
    var split: String
    var new: Side
    var old: Side

    enum CodingKeys: String, CodingKey {
        case id, kind, split, new, old
        case repeatOf = "repeat"
    }

    static func load() throws -> [RepeatPair] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/repeats", withExtension: "jsonl"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(RepeatPair.self, from: Data($0.utf8)) }
    }
}

/// Hit and false-proposal rates of a detector over labelled pairs, each judged alone.
struct RepeatScore: CustomStringConvertible {
    var repeats = 0, hits = 0, others = 0, falseProposals = 0
    var missed: [RepeatPair] = [], wrong: [RepeatPair] = []

    init(_ pairs: [RepeatPair], detector: RepeatDetector) {
        for pair in pairs {
            let earlier = EarlierCase(id: Int64(pair.id), post: pair.old.features, departmentID: nil,
                                      openedAt: Date(timeIntervalSince1970: 0))
            let proposed = detector.assess(pair.new.features, earlier) != nil
            if pair.repeatOf {
                repeats += 1
                if proposed { hits += 1 } else { missed.append(pair) }
            } else {
                others += 1
                if proposed { falseProposals += 1; wrong.append(pair) }
            }
        }
    }

    var hitRate: Double { Double(hits) / Double(max(1, repeats)) }
    var falseProposalRate: Double { Double(falseProposals) / Double(max(1, others)) }

    var description: String {
        String(format: "hit rate %.1f%% (%d/%d), false proposals %.1f%% (%d/%d)",
               hitRate * 100, hits, repeats, falseProposalRate * 100, falseProposals, others)
    }
}
