/// VK links: walls, comments, photos, videos, clips, board topics, and pages.
enum VKLinks {
    static let hosts: Set<String> = ["vk.com", "vk.ru", "vk.me", "vkontakte.ru", "new.vk.com", "vkvideo.ru"]

    static func source(_ a: WebAddress) -> PostSource? {
        guard hosts.contains(a.bareHost) else { return nil }
        // `?w=wall-1_2` and `?z=photo-1_2/wall-1_2` open a post over any page; a notification's
        // `?scroll_to=wall-1_2` points at one in the feed.
        for name in ["w", "z", "scroll_to"] {
            if let value = a.value(name), let first = value.split(separator: "/").first,
               let object = VKObject(String(first)) {
                return object.source(reply: nil, thread: nil)
            }
        }
        guard let first = a.path.first else { return PostSource(network: .vk, link: "https://vk.com") }
        if let object = VKObject(first) {
            return object.source(reply: a.value(object.kind == "topic" ? "post" : "reply"), thread: a.value("thread"))
        }
        // A page: `id5` is a person, `club5`, `public5`, `event5` a community, anything else a screen name.
        let page = first.lowercased()
        return PostSource(network: .vk, link: "https://vk.com/\(page)", authorKey: "vk:\(ownerKey(page))")
    }

    private static func ownerKey(_ page: String) -> String {
        for prefix in ["club", "public", "event"] where page.hasPrefix(prefix) {
            let id = page.dropFirst(prefix.count)
            if !id.isEmpty, id.allSatisfy(\.isNumber) { return "-\(id)" }
        }
        if page.hasPrefix("id"), page.count > 2, page.dropFirst(2).allSatisfy(\.isNumber) {
            return String(page.dropFirst(2))
        }
        return page
    }
}

/// `wall-1_2`, `photo5_6`, `video-1_2`, `clip-1_2`, `topic-1_2`: a kind, an owner id and an item id.
private struct VKObject {
    var kind: String
    var owner: String
    var item: String

    init?(_ text: String) {
        let kinds = ["wall", "photo", "video", "clip", "topic"]
        guard let kind = kinds.first(where: { text.hasPrefix($0) }) else { return nil }
        let ids = text.dropFirst(kind.count).split(separator: "_", omittingEmptySubsequences: false)
        guard ids.count == 2, let owner = Int64(ids[0]), let item = Int64(ids[1]) else { return nil }
        self.kind = kind
        self.owner = String(owner)
        self.item = String(item)
    }

    func source(reply: String?, thread: String?) -> PostSource {
        let object = "\(kind)\(owner)_\(item)"
        var link = "https://vk.com/\(object)"
        if let reply, !reply.isEmpty, reply.allSatisfy(\.isNumber) {
            link += kind == "topic" ? "?post=\(reply)" : "?reply=\(reply)"
            // A reply inside a comment's thread: the thread is needed to read it.
            if kind == "wall", let thread, !thread.isEmpty, thread.allSatisfy(\.isNumber), thread != reply {
                link += "&thread=\(thread)"
            }
        }
        return PostSource(network: .vk, link: link, threadKey: "vk:\(object)", authorKey: "vk:\(owner)", isPost: true)
    }
}
