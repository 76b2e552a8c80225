/// Instagram links: posts, reels, stories, and profiles.
enum InstagramLinks {
    static let hosts: Set<String> = ["instagram.com", "instagr.am"]
    private static let base = "https://www.instagram.com"

    static func source(_ a: WebAddress) -> PostSource? {
        guard hosts.contains(a.bareHost) else { return nil }
        var p = a.path
        var author: String?
        // /USER/p/CODE and /USER/reel/CODE name the author too.
        if p.count >= 3, ["p", "reel", "reels", "tv"].contains(p[1]) {
            author = p[0].lowercased()
            p.removeFirst()
        }
        if p.count >= 2, ["p", "reel", "reels", "tv"].contains(p[0]) {
            let kind = p[0] == "reels" ? "reel" : p[0]
            // A code is case-sensitive; the post and its reel view share it.
            return PostSource(network: .instagram, link: "\(base)/\(kind)/\(p[1])", threadKey: "ig:\(p[1])",
                              authorKey: author.map { "ig:\($0)" }, isPost: true)
        }
        if p.count >= 3, p[0] == "stories" {
            let user = p[1].lowercased()
            return PostSource(network: .instagram, link: "\(base)/stories/\(user)/\(p[2])",
                              threadKey: "ig:stories/\(p[2])", authorKey: "ig:\(user)", isPost: true)
        }
        if let user = p.first?.lowercased() {
            return PostSource(network: .instagram, link: "\(base)/\(user)", authorKey: "ig:\(user)")
        }
        return PostSource(network: .instagram, link: base)
    }
}
