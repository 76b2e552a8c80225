/// One letter of the normalised text and the original Unicode scalars it came from.
struct Unit: Equatable {
    var letters: LetterSet
    var start: Int
    var end: Int
    /// The ASCII letter when written in Latin, for transliteration digraphs («ya» → я); 0 otherwise.
    var latin: UInt8 = 0
    /// A digit or symbol read as a letter («3» for з); a word needs at least one real letter.
    var isSymbol = false

    var isWildcard: Bool { Letters.isWildcard(letters) }
}

/// A word of the normalised text with its place in the original.
struct NormalWord {
    var units: [Unit]
    /// Original scalar offsets of the whole word.
    var start: Int
    var end: Int
    var sentence: Int
    /// Glued from spaced single letters («х у й»).
    var isLetterRun = false
    /// Two words read as one («пиз дец»): the first one's length in units.
    var splitAt: Int?
}

/// A text cut into normalised words, keeping the way back to what the author wrote.
struct NormalisedText {
    let scalars: [Unicode.Scalar]
    /// Words split at every separator, in text order (URLs left out).
    var pieces: [NormalWord] = []
    /// Extra candidates for obscene roots: chunks glued across separators («х.у.й», «пи-зда»)
    /// and runs of single letters («х у й»).
    var joined: [NormalWord] = []

    /// The original text between two scalar offsets.
    func fragment(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}

/// Merges repeated letters («хуууй» → хуй); masked positions stay, they count letters.
func collapsed(_ units: [Unit]) -> [Unit] {
    var result: [Unit] = []
    result.reserveCapacity(units.count)
    for unit in units {
        if let last = result.last, last.letters == unit.letters, !unit.isWildcard {
            result[result.count - 1].end = unit.end
        } else {
            result.append(unit)
        }
    }
    return result
}
