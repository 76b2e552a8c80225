import Foundation

/// Checks a draft answer against its network's limits and § 10: length, formatting, confirming media.
public enum AnswerFormatChecker {
    /// The issues of a draft for a network, in a stable order; empty when it fits.
    public static func check(_ draft: AnswerDraft, network: Network,
                             limits: NetworkLimits? = nil) -> [AnswerFormatIssue] {
        let limits = limits ?? .defaults(for: network)
        let text = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var issues: [AnswerFormatIssue] = []
        if text.isEmpty && draft.media == 0 { return [.empty] }

        let length = text.utf16.count
        if let limit = limits.textLimit, length > limit { issues.append(.tooLong(length: length, limit: limit)) }
        if draft.media > 0, let limit = limits.captionLimit, length > limit, length <= (limits.textLimit ?? .max) {
            issues.append(.captionTooLong(length: length, limit: limit))
        }
        let tags = matches(htmlTag, in: text)
        if !tags.isEmpty { issues.append(.htmlTags(tags)) }
        if !limits.rendersMarkdown {
            let marks = matches(markdownMark, in: text)
            if !marks.isEmpty { issues.append(.markdown(marks)) }
        }
        if !limits.linksClickable {
            let links = SourceDetector.allSources(PostInput(text: text)).count
            if links > 0 { issues.append(.linksNotClickable(count: links)) }
        }
        let hashtags = matches(hashtag, in: text).count
        if let limit = limits.maxHashtags, hashtags > limit { issues.append(.tooManyHashtags(count: hashtags, limit: limit)) }
        let mentions = matches(mention, in: text).count
        if let limit = limits.maxMentions, mentions > limit { issues.append(.tooManyMentions(count: mentions, limit: limit)) }
        if draft.media > 0 {
            if !limits.acceptsMedia {
                issues.append(.mediaNotAccepted(count: draft.media))
            } else if let limit = limits.maxMedia, draft.media > limit {
                issues.append(.tooManyMedia(count: draft.media, limit: limit))
            }
        }
        if draft.media == 0, let phrase = WorkDoneClaims.firstClaim(in: text) {
            issues.append(.workDoneWithoutMedia(phrase: phrase))
        }
        return issues
    }

    private static let htmlTag = try! NSRegularExpression(
        pattern: #"</?(?:b|i|u|s|a|p|br|div|span|strong|em|code|pre|ul|ol|li|h[1-6]|img|tg-[a-z]+)\b[^<>]*>"#,
        options: [.caseInsensitive])
    private static let markdownMark = try! NSRegularExpression(
        pattern: #"\*\*[^*\n]+\*\*|__[^_\n]+__|~~[^~\n]+~~|`[^`\n]+`|\[[^\]\n]+\]\([^)\s]+\)|(?m)^#{1,6} "#)
    private static let hashtag = try! NSRegularExpression(pattern: #"(?<![\w&])#[\p{L}\p{N}_]+"#)
    private static let mention = try! NSRegularExpression(pattern: #"(?<![\w.])@[A-Za-z0-9_.]{2,}"#)

    private static func matches(_ re: NSRegularExpression, in text: String) -> [String] {
        re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
    }
}
