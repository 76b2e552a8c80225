/// What an answer posted on one network must fit: length, media, formatting.
public struct NetworkLimits: Sendable, Equatable, Codable {
    /// Longest answer text in UTF-16 code units (how Telegram counts; emoji count double, which errs safe).
    public var textLimit: Int?
    /// Longest text when it goes as a caption under media.
    public var captionLimit: Int?
    /// Most media an answer can carry; nil when unknown.
    public var maxMedia: Int?
    /// Whether an answer there can carry photos or videos at all.
    public var acceptsMedia: Bool
    /// Whether links in the answer become clickable.
    public var linksClickable: Bool
    /// Whether `**bold**`-style markdown is rendered rather than shown as asterisks.
    public var rendersMarkdown: Bool
    /// Most hashtags before the network ignores or refuses them.
    public var maxHashtags: Int?
    /// Most @mentions in one answer.
    public var maxMentions: Int?

    /// Limits from their parts.
    public init(textLimit: Int?, captionLimit: Int? = nil, maxMedia: Int? = nil, acceptsMedia: Bool = true,
                linksClickable: Bool = true, rendersMarkdown: Bool = false, maxHashtags: Int? = nil,
                maxMentions: Int? = nil) {
        self.textLimit = textLimit
        self.captionLimit = captionLimit
        self.maxMedia = maxMedia
        self.acceptsMedia = acceptsMedia
        self.linksClickable = linksClickable
        self.rendersMarkdown = rendersMarkdown
        self.maxHashtags = maxHashtags
        self.maxMentions = maxMentions
    }

    /// The built-in limits of a network's comment (answers are posted as comments or replies).
    /// Config may override them; figures not documented by the network are conservative.
    public static func defaults(for network: Network) -> NetworkLimits {
        switch network {
        case .telegram:
            // Bot API: sendMessage text 1-4096 characters after entities parsing, media captions 0-1024,
            // sendMediaGroup 2-10 items (core.telegram.org/bots/api). Telegram apps render **bold** as typed.
            NetworkLimits(textLimit: 4096, captionLimit: 1024, maxMedia: 10, rendersMarkdown: true)
        case .instagram:
            // Captions 2,200 characters and 30 hashtags (Instagram For Dummies, ayrshare.com docs); links in
            // comments are not clickable (ayrshare.com, easypromosapp.com); comments carry no media;
            // 20 mentions per comment (qainsta.com, a weak source).
            NetworkLimits(textLimit: 2200, acceptsMedia: false, linksClickable: false, maxHashtags: 30,
                          maxMentions: 20)
        case .facebook:
            // Comments up to 8,000 characters (typecount.com, postonce.to, bulkpublish.com);
            // a comment takes one photo or video.
            NetworkLimits(textLimit: 8000, maxMedia: 1)
        case .max:
            // MAX's text limit, 4,000 characters (its Bot API, NewMessageBody.text).
            NetworkLimits(textLimit: 4000)
        case .vk, .ok, .dzen:
            // No documented comment limit found; 4096, the VK messages limit, is a safe bound.
            NetworkLimits(textLimit: 4096)
        case .other:
            // Unknown sites: no length limit is assumed, formatting is still checked.
            NetworkLimits(textLimit: nil)
        }
    }
}
