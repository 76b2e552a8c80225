import Foundation

/// Finds web addresses in free text, with or without `https://`.
enum LinkFinder {
    private static let pattern = try! NSRegularExpression(
        pattern: #"(?:https?://[^\s<>"«»]+)|(?<![\w@./-])(?:www\.)?(?:[a-z0-9-]+\.)+(?:ru|com|me|org|net|su|info|io|tv|am|dog|рф|by|kz|news|online|pro)(?:/[^\s<>"«»]*)?"#,
        options: [.caseInsensitive])

    /// The addresses in a text, in order, trailing punctuation removed.
    static func links(in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { match in
            guard let r = Range(match.range, in: text) else { return nil }
            let link = trimmed(String(text[r]))
            // A bare domain without a path («пишите на mail.ru») names a site, not a post.
            let hasScheme = link.lowercased().hasPrefix("http")
            return hasScheme || link.contains("/") ? link : nil
        }
    }

    /// Drops sentence punctuation glued to the end, keeping a closing bracket that has its opening one.
    private static func trimmed(_ link: String) -> String {
        var s = link
        while let last = s.last {
            if ".,;:!?'\"»…".contains(last) {
                s.removeLast()
            } else if last == ")", s.filter({ $0 == "(" }).count < s.filter({ $0 == ")" }).count {
                s.removeLast()
            } else {
                break
            }
        }
        return s
    }
}

extension PostInput {
    /// The text without its web addresses: what a person wrote around a link they shared.
    public var wordsBesideLinks: String {
        var rest = text
        for link in LinkFinder.links(in: text) { rest = rest.replacingOccurrences(of: link, with: " ") }
        return rest.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
