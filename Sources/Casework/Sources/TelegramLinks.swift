/// Telegram links: public and private channel posts, comments, forum topics, and channel pages.
enum TelegramLinks {
    static let hosts: Set<String> = ["t.me", "telegram.me", "telegram.dog"]
    private static let service: Set<String> = ["joinchat", "addstickers", "addemoji", "share", "proxy", "socks", "iv",
                                               "setlanguage", "addlist", "boost", "login", "invoice"]

    static func source(_ a: WebAddress) -> PostSource? {
        guard hosts.contains(a.bareHost) else { return nil }
        var p = a.path
        if p.first == "s" { p.removeFirst() }  // t.me/s/channel/123 is the web preview of t.me/channel/123
        guard let first = p.first else { return PostSource(network: .telegram, link: "https://t.me") }
        if first.hasPrefix("+") || service.contains(first.lowercased()) {
            return PostSource(network: .telegram, link: GenericLinks.canonical(a, host: "t.me"))
        }
        let numbers = p.dropFirst(first == "c" ? 2 : 1)
        let chat = first == "c" && p.count > 1 ? "c/\(p[1])" : first.lowercased()
        guard !numbers.isEmpty, numbers.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              let message = numbers.last
        else {
            return PostSource(network: .telegram, link: "https://t.me/\(chat)", authorKey: "tg:\(chat)")
        }
        // t.me/chat/TOPIC/MSG links a message in a forum topic; the message is the post.
        var link = "https://t.me/\(chat)/" + numbers.joined(separator: "/")
        if let comment = a.value("comment"), comment.allSatisfy(\.isNumber) { link += "?comment=\(comment)" }
        return PostSource(network: .telegram, link: link, threadKey: "tg:\(chat)/\(message)",
                          authorKey: "tg:\(chat)", isPost: true)
    }

    /// The source of a forwarded message, from its origin.
    static func source(_ origin: ForwardOriginInfo) -> PostSource {
        switch origin {
        case let .maxUser(id, _):
            return PostSource(network: .max, authorKey: "max:user:\(id)")
        case let .maxChat(chatID, messageID):
            // MAX gives a forwarded post no public link; its chat and number identify it.
            return PostSource(network: .max, threadKey: "max:\(chatID)/\(messageID)", authorKey: "max:\(chatID)", isPost: true)
        case let .user(id, _):
            return PostSource(network: .telegram, authorKey: "tg:user:\(id)")
        case let .hiddenUser(name):
            let key = Tokenizer.tokens(name).map(\.lower).joined(separator: " ")
            return PostSource(network: .telegram, authorKey: "tg:hidden:\(key)")
        case let .chat(chatID, _, username):
            if let username, !username.isEmpty {
                return PostSource(network: .telegram, link: "https://t.me/\(username.lowercased())",
                                  authorKey: "tg:\(username.lowercased())")
            }
            return PostSource(network: .telegram, authorKey: "tg:c/\(privateID(chatID))")
        case let .channel(chatID, username, _, messageID):
            let chat = username.flatMap { $0.isEmpty ? nil : $0.lowercased() } ?? "c/\(privateID(chatID))"
            return PostSource(network: .telegram, link: "https://t.me/\(chat)/\(messageID)",
                              threadKey: "tg:\(chat)/\(messageID)", authorKey: "tg:\(chat)", isPost: true)
        }
    }

    /// Bot API ids of channels and supergroups are −100… ; t.me/c/ links use the rest.
    static func privateID(_ chatID: Int64) -> String {
        let digits = String(chatID.magnitude)
        return chatID < 0 && digits.hasPrefix("100") && digits.count > 3 ? String(digits.dropFirst(3)) : digits
    }
}
