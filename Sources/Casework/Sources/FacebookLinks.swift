/// Facebook links: page and group posts, permalinks, photos, videos, reels, share links, and pages.
enum FacebookLinks {
    static let hosts: Set<String> = [
        "facebook.com", "fb.com", "mbasic.facebook.com", "web.facebook.com", "touch.facebook.com", "fb.watch",
    ]
    private static let base = "https://facebook.com"

    static func source(_ a: WebAddress) -> PostSource? {
        guard hosts.contains(a.bareHost) else { return nil }
        let p = a.path
        let comment = a.value("comment_id").map { "?comment_id=\($0)" } ?? ""
        func post(_ path: String, author: String?) -> PostSource {
            PostSource(network: .facebook, link: base + "/" + path + comment, threadKey: "fb:\(path)",
                       authorKey: author.map { "fb:\($0)" }, isPost: true)
        }
        if a.bareHost == "fb.watch", let code = p.first {
            return PostSource(network: .facebook, link: "https://fb.watch/\(code)", threadKey: "fb:watch/\(code)",
                              isPost: true)
        }
        // permalink.php?story_fbid=X&id=Y and story.php: the same post as /Y/posts/X.
        if let first = p.first, ["permalink.php", "story.php"].contains(first),
           let story = a.value("story_fbid"), let owner = a.value("id") {
            return post("\(owner)/posts/\(story)", author: owner)
        }
        if p.count >= 4, p[0] == "groups", ["posts", "permalink"].contains(p[2]) {
            return post("groups/\(p[1].lowercased())/posts/\(p[3])", author: "groups/\(p[1].lowercased())")
        }
        if let first = p.first, ["photo.php", "photo"].contains(first), let id = a.value("fbid") {
            return post("photo/?fbid=\(id)", author: nil)
        }
        if p.first == "watch", let id = a.value("v") {
            return post("watch/?v=\(id)", author: nil)
        }
        if p.count >= 2, ["reel", "share"].contains(p[0]) {
            return post(p.joined(separator: "/"), author: nil)
        }
        if p.count >= 3, ["posts", "videos", "photos"].contains(p[1]) {
            let page = p[0].lowercased()
            return post("\(page)/\(p[1])/\(p[p.count - 1])", author: page)
        }
        if p.first == "profile.php", let id = a.value("id") {
            return PostSource(network: .facebook, link: "\(base)/profile.php?id=\(id)", authorKey: "fb:\(id)")
        }
        if let page = p.first?.lowercased() {
            return PostSource(network: .facebook, link: "\(base)/\(page)", authorKey: "fb:\(page)")
        }
        return PostSource(network: .facebook, link: base)
    }
}
