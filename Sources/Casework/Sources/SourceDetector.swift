/// Finds the network and canonical link of a post from its links and its forward origin.
public enum SourceDetector {
    /// The source of one address, or nil when it is not a web address.
    public static func source(ofLink raw: String) -> PostSource? {
        guard var address = WebAddress(raw) else { return nil }
        // Unwrap the networks' own redirect pages to the address they lead to.
        for _ in 0..<3 {
            guard let target = redirectTarget(address), let next = WebAddress(target) else { break }
            address = next
        }
        return VKLinks.source(address) ?? OKLinks.source(address) ?? FacebookLinks.source(address)
            ?? InstagramLinks.source(address) ?? TelegramLinks.source(address) ?? DzenLinks.source(address)
            ?? GenericLinks.source(address)
    }

    /// The source of an incoming message.
    ///
    /// A forwarded channel post (Telegram's or MAX's) is the post itself. Otherwise a link to a post on a known network wins,
    /// then the forward origin, then a link to a known network's page, then any other link.
    public static func detect(_ input: PostInput) -> PostSource {
        let found = allSources(input)
        switch input.forwardOrigin {
        case .channel?, .maxChat?: return TelegramLinks.source(input.forwardOrigin!)
        default: break
        }
        if let post = found.first(where: { $0.isPost && $0.network != .other }) { return post }
        if let origin = input.forwardOrigin { return TelegramLinks.source(origin) }
        return found.first { $0.network != .other } ?? found.first ?? PostSource(network: .other)
    }

    /// The distinct sources of every link in the entities and the text, entities first.
    public static func allSources(_ input: PostInput) -> [PostSource] {
        var seen = Set<String>()
        return (input.urls + LinkFinder.links(in: input.text)).compactMap(source(ofLink:)).filter {
            seen.insert($0.link ?? "").inserted
        }
    }

    private static func redirectTarget(_ a: WebAddress) -> String? {
        switch (a.bareHost, a.path.first) {
        case ("vk.com", "away.php"), ("vk.ru", "away.php"): a.value("to")
        case ("l.facebook.com", "l.php"), ("lm.facebook.com", "l.php"): a.value("u")
        case ("l.instagram.com", _): a.value("u")
        default: nil
        }
    }
}
