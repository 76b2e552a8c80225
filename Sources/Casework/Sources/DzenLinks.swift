/// Dzen links (and the old zen.yandex.ru): articles, posts, videos, shorts, and channels.
enum DzenLinks {
    static let hosts: Set<String> = ["dzen.ru", "zen.yandex.ru", "zen.yandex.com"]

    static func source(_ a: WebAddress) -> PostSource? {
        guard hosts.contains(a.bareHost) else { return nil }
        let p = a.path
        func post(_ path: String, author: String? = nil) -> PostSource {
            PostSource(network: .dzen, link: "https://dzen.ru/\(path)", threadKey: "dzen:\(path)",
                       authorKey: author.map { "dzen:\($0)" }, isPost: true)
        }
        if p.count >= 2, ["a", "b", "shorts"].contains(p[0]) { return post("\(p[0])/\(p[1])") }
        if p.count >= 3, p[0] == "video", p[1] == "watch" { return post("video/watch/\(p[2])") }
        // Old /media/CHANNEL/SLUG and /media/id/HEX/SLUG articles.
        if p.count >= 3, p[0] == "media" {
            let channel = p[1] == "id" && p.count >= 4 ? "id/\(p[2])" : p[1].lowercased()
            return post("media/\(channel)/\(p[p.count - 1])", author: channel)
        }
        if p.count >= 2, p[0] == "id" {
            return PostSource(network: .dzen, link: "https://dzen.ru/id/\(p[1])", authorKey: "dzen:id/\(p[1])")
        }
        if let channel = p.first?.lowercased() {
            return PostSource(network: .dzen, link: "https://dzen.ru/\(channel)", authorKey: "dzen:\(channel)")
        }
        return PostSource(network: .dzen, link: "https://dzen.ru")
    }
}
