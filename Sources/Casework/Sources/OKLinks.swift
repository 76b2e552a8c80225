/// Odnoklassniki links: group topics, profile statuses, videos, and pages.
enum OKLinks {
    static let hosts: Set<String> = ["ok.ru", "odnoklassniki.ru"]

    static func source(_ a: WebAddress) -> PostSource? {
        guard hosts.contains(a.bareHost) else { return nil }
        let p = a.path
        func post(_ owner: String, _ item: String, author: String) -> PostSource {
            let path = "\(owner)/\(item)"
            return PostSource(network: .ok, link: "https://ok.ru/\(path)", threadKey: "ok:\(path)",
                              authorKey: "ok:\(author)", isPost: true)
        }
        // /group/ID/topic/ID and /profile/ID/statuses/ID.
        if p.count >= 4, ["group", "profile"].contains(p[0]), ["topic", "statuses"].contains(p[2]) {
            return post("\(p[0])/\(p[1])", "\(p[2])/\(p[3])", author: "\(p[0]):\(p[1])")
        }
        // /NAME/topic/ID for groups with a short name.
        if p.count >= 3, ["topic", "statuses"].contains(p[1]) {
            let name = p[0].lowercased()
            return post(name, "\(p[1])/\(p[2])", author: name)
        }
        if p.count >= 2, p[0] == "video" {
            return PostSource(network: .ok, link: "https://ok.ru/video/\(p[1])", threadKey: "ok:video/\(p[1])",
                              isPost: true)
        }
        if p.count >= 2, ["group", "profile"].contains(p[0]) {
            return PostSource(network: .ok, link: "https://ok.ru/\(p[0])/\(p[1])", authorKey: "ok:\(p[0]):\(p[1])")
        }
        if let name = p.first?.lowercased(), name != "dk" {
            return PostSource(network: .ok, link: "https://ok.ru/\(name)", authorKey: "ok:\(name)")
        }
        return PostSource(network: .ok, link: GenericLinks.canonical(a, host: "ok.ru"))
    }
}
