import Testing
@testable import Casework

/// One written form of a link and what it must be read as.
struct LinkCase: Sendable, CustomTestStringConvertible {
    var raw: String
    var network: Network
    var link: String?
    var thread: String? = nil
    var author: String? = nil
    var testDescription: String { raw }
}

@Suite struct SourceDetectorTests {
    static let links: [LinkCase] = [
        // VK: walls on any host, mobile, vk.ru, ?w= overlays, comments, photos, videos, clips, topics, pages.
        LinkCase(raw: "https://m.vk.com/wall-123_456?from=groups", network: .vk, link: "https://vk.com/wall-123_456",
                 thread: "vk:wall-123_456", author: "vk:-123"),
        LinkCase(raw: "https://vk.com/club1?w=wall-1_2", network: .vk, link: "https://vk.com/wall-1_2",
                 thread: "vk:wall-1_2", author: "vk:-1"),
        LinkCase(raw: "https://vk.ru/wall-1_2", network: .vk, link: "https://vk.com/wall-1_2", thread: "vk:wall-1_2"),
        LinkCase(raw: "vk.com/wall-1_2", network: .vk, link: "https://vk.com/wall-1_2"),
        LinkCase(raw: "https://vk.com/wall5_77?reply=90&thread=88&utm_source=x", network: .vk,
                 link: "https://vk.com/wall5_77?reply=90&thread=88", thread: "vk:wall5_77", author: "vk:5"),
        LinkCase(raw: "https://vk.com/feed?w=wall-55_10%2Fall", network: .vk, link: "https://vk.com/wall-55_10"),
        LinkCase(raw: "https://vk.com/slavgorod?z=photo-1_457239017%2Fwall-1_2", network: .vk,
                 link: "https://vk.com/photo-1_457239017", thread: "vk:photo-1_457239017"),
        LinkCase(raw: "https://vk.com/photo-1_457239017", network: .vk, link: "https://vk.com/photo-1_457239017"),
        LinkCase(raw: "https://vk.com/video-22_456239100", network: .vk, link: "https://vk.com/video-22_456239100",
                 author: "vk:-22"),
        LinkCase(raw: "https://vkvideo.ru/video-22_456239100", network: .vk, link: "https://vk.com/video-22_456239100"),
        LinkCase(raw: "https://vk.com/clip-22_456239101", network: .vk, link: "https://vk.com/clip-22_456239101"),
        LinkCase(raw: "https://vk.com/topic-3_40?post=12", network: .vk, link: "https://vk.com/topic-3_40?post=12",
                 thread: "vk:topic-3_40"),
        LinkCase(raw: "https://vk.com/club123", network: .vk, link: "https://vk.com/club123", author: "vk:-123"),
        LinkCase(raw: "https://vk.com/id77", network: .vk, link: "https://vk.com/id77", author: "vk:77"),
        LinkCase(raw: "https://vk.com/away.php?to=https%3A%2F%2Fvk.com%2Fwall-9_8&cc_key=", network: .vk,
                 link: "https://vk.com/wall-9_8"),
        // OK.
        LinkCase(raw: "https://ok.ru/group/53038939046008/topic/155185386426616", network: .ok,
                 link: "https://ok.ru/group/53038939046008/topic/155185386426616",
                 thread: "ok:group/53038939046008/topic/155185386426616", author: "ok:group:53038939046008"),
        LinkCase(raw: "https://m.ok.ru/group/5/topic/6?utm_campaign=x", network: .ok,
                 link: "https://ok.ru/group/5/topic/6"),
        LinkCase(raw: "https://ok.ru/profile/5713/statuses/15339", network: .ok,
                 link: "https://ok.ru/profile/5713/statuses/15339", author: "ok:profile:5713"),
        LinkCase(raw: "ok.ru/slavgorod/topic/777", network: .ok, link: "https://ok.ru/slavgorod/topic/777",
                 author: "ok:slavgorod"),
        LinkCase(raw: "https://ok.ru/video/123456", network: .ok, link: "https://ok.ru/video/123456"),
        // Facebook.
        LinkCase(raw: "https://www.facebook.com/SlavgorodAdm/posts/pfbid02abc?__cft__[0]=AZ&__tn__=%2CO", network: .facebook,
                 link: "https://facebook.com/slavgorodadm/posts/pfbid02abc", author: "fb:slavgorodadm"),
        LinkCase(raw: "https://fb.com/slavgorodadm/posts/12345", network: .facebook,
                 link: "https://facebook.com/slavgorodadm/posts/12345"),
        LinkCase(raw: "https://m.facebook.com/permalink.php?story_fbid=111&id=222&fbclid=IwAR", network: .facebook,
                 link: "https://facebook.com/222/posts/111", thread: "fb:222/posts/111", author: "fb:222"),
        LinkCase(raw: "https://www.facebook.com/222/posts/111", network: .facebook,
                 link: "https://facebook.com/222/posts/111", thread: "fb:222/posts/111"),
        LinkCase(raw: "https://www.facebook.com/groups/slavgorod/permalink/999/?comment_id=1001", network: .facebook,
                 link: "https://facebook.com/groups/slavgorod/posts/999?comment_id=1001",
                 thread: "fb:groups/slavgorod/posts/999"),
        LinkCase(raw: "https://www.facebook.com/photo/?fbid=4455&set=a.1", network: .facebook,
                 link: "https://facebook.com/photo/?fbid=4455"),
        LinkCase(raw: "https://www.facebook.com/share/p/1AbCdEf/?mibextid=WC7FNe", network: .facebook,
                 link: "https://facebook.com/share/p/1AbCdEf"),
        // Instagram.
        LinkCase(raw: "https://www.instagram.com/p/C1a2B3c4D5e/?igsh=MWQ1ZGUx", network: .instagram,
                 link: "https://www.instagram.com/p/C1a2B3c4D5e", thread: "ig:C1a2B3c4D5e"),
        LinkCase(raw: "https://instagram.com/reel/C9xYz/?utm_source=ig_web_copy_link", network: .instagram,
                 link: "https://www.instagram.com/reel/C9xYz", thread: "ig:C9xYz"),
        LinkCase(raw: "https://www.instagram.com/slavgorod_adm/p/C1a2B3c4D5e/", network: .instagram,
                 link: "https://www.instagram.com/p/C1a2B3c4D5e", thread: "ig:C1a2B3c4D5e", author: "ig:slavgorod_adm"),
        // Telegram.
        LinkCase(raw: "https://t.me/Slavgorod_News/1234", network: .telegram, link: "https://t.me/slavgorod_news/1234",
                 thread: "tg:slavgorod_news/1234", author: "tg:slavgorod_news"),
        LinkCase(raw: "https://t.me/s/slavgorod_news/1234", network: .telegram, link: "https://t.me/slavgorod_news/1234"),
        LinkCase(raw: "t.me/slavgorod_news/1234?comment=55", network: .telegram,
                 link: "https://t.me/slavgorod_news/1234?comment=55", thread: "tg:slavgorod_news/1234"),
        LinkCase(raw: "https://t.me/c/1712345678/45", network: .telegram, link: "https://t.me/c/1712345678/45",
                 thread: "tg:c/1712345678/45", author: "tg:c/1712345678"),
        LinkCase(raw: "https://t.me/slavgorod_chat/7/1500", network: .telegram, link: "https://t.me/slavgorod_chat/7/1500",
                 thread: "tg:slavgorod_chat/1500"),
        LinkCase(raw: "https://t.me/slavgorod_news", network: .telegram, link: "https://t.me/slavgorod_news",
                 author: "tg:slavgorod_news"),
        // Dzen.
        LinkCase(raw: "https://dzen.ru/a/ZmFrZ2VfaWQ?share_to=link", network: .dzen, link: "https://dzen.ru/a/ZmFrZ2VfaWQ"),
        LinkCase(raw: "https://dzen.ru/b/ZnBvc3Q", network: .dzen, link: "https://dzen.ru/b/ZnBvc3Q"),
        LinkCase(raw: "https://zen.yandex.ru/media/slavgorod/pochemu-net-vody-5f1a", network: .dzen,
                 link: "https://dzen.ru/media/slavgorod/pochemu-net-vody-5f1a", author: "dzen:slavgorod"),
        LinkCase(raw: "https://dzen.ru/video/watch/65a1b2", network: .dzen, link: "https://dzen.ru/video/watch/65a1b2"),
        // Other sites keep their address, minus tracking.
        LinkCase(raw: "https://www.Slavgorod-News.ru/news/123?utm_source=vk&id=5#comments", network: .other,
                 link: "https://www.slavgorod-news.ru/news/123?id=5", thread: "web:slavgorod-news.ru/news/123"),
        LinkCase(raw: "http://алтай.рф/новости/1", network: .other, link: "http://алтай.рф/новости/1"),
    ]

    @Test("link forms", arguments: links)
    func linkForms(_ c: LinkCase) {
        let source = SourceDetector.source(ofLink: c.raw)
        #expect(source?.network == c.network)
        #expect(source?.link == c.link)
        if let thread = c.thread { #expect(source?.threadKey == thread) }
        if let author = c.author { #expect(source?.authorKey == author) }
    }

    @Test func aMobileLinkAndAnOverlayLinkAreTheSamePost() {
        let a = SourceDetector.source(ofLink: "https://m.vk.com/wall-1_2?from=groups")
        let b = SourceDetector.source(ofLink: "https://vk.com/public1?w=wall-1_2")
        #expect(a?.link == b?.link)
        #expect(a?.threadKey == b?.threadKey)
    }

    @Test func aCommentLinkSharesTheThreadOfItsPost() {
        let post = SourceDetector.source(ofLink: "https://vk.com/wall-1_2")
        let comment = SourceDetector.source(ofLink: "https://vk.com/wall-1_2?reply=3")
        #expect(post?.link != comment?.link)
        #expect(post?.threadKey == comment?.threadKey)
    }

    @Test func textsWithoutLinksAreNotLinks() {
        #expect(SourceDetector.source(ofLink: "ул. Ленина") == nil)
        #expect(SourceDetector.source(ofLink: "ftp://example.com/file") == nil)
        #expect(SourceDetector.detect(PostInput(text: "Яма на ул. Ленина, 5. Пишите на mail.ru")).link == nil)
    }

    @Test func linksAreFoundInTextWithPunctuationAround() {
        let input = PostInput(text: "Смотрите (https://vk.com/wall-1_2), и ещё «ok.ru/group/5/topic/6».")
        let sources = SourceDetector.allSources(input)
        #expect(sources.map(\.link) == ["https://vk.com/wall-1_2", "https://ok.ru/group/5/topic/6"])
    }

    @Test func aPostLinkBeatsAPageLinkAndAnOtherSite() {
        let input = PostInput(text: "Новость: https://news.example.ru/a/1 и группа vk.com/club1",
                              urls: ["https://ok.ru/group/5/topic/6"])
        #expect(SourceDetector.detect(input).link == "https://ok.ru/group/5/topic/6")
        let pageOnly = PostInput(text: "https://news.example.ru/a/1 vk.com/club1")
        #expect(SourceDetector.detect(pageOnly).network == .vk)
        #expect(SourceDetector.detect(PostInput(text: "https://news.example.ru/a/1")).network == .other)
    }

    @Test func aForwardedPublicChannelPostGivesItsLink() {
        let origin = ForwardOriginInfo.channel(chatID: -1001234567890, username: "Slavgorod_Online",
                                               title: "Славгород онлайн", messageID: 812)
        // The channel post is the source even when its text links elsewhere.
        let source = SourceDetector.detect(PostInput(text: "Подробнее vk.com/wall-1_2", forwardOrigin: origin))
        #expect(source == PostSource(network: .telegram, link: "https://t.me/slavgorod_online/812",
                                     threadKey: "tg:slavgorod_online/812", authorKey: "tg:slavgorod_online", isPost: true))
    }

    @Test func aForwardedPrivateChannelPostGivesItsCLink() {
        let origin = ForwardOriginInfo.channel(chatID: -1001234567890, username: nil, title: "Чат дома", messageID: 45)
        let source = SourceDetector.detect(PostInput(text: "", forwardOrigin: origin))
        #expect(source.link == "https://t.me/c/1234567890/45")
        // The same post pasted as a link meets it.
        #expect(source.threadKey == SourceDetector.source(ofLink: "https://t.me/c/1234567890/45")?.threadKey)
    }

    @Test func forwardsFromPeopleAndGroupsAreTelegramWithoutALink() {
        let user = SourceDetector.detect(PostInput(text: "Когда уберут мусор?", forwardOrigin: .user(id: 42, name: "Иван")))
        #expect(user == PostSource(network: .telegram, authorKey: "tg:user:42"))
        let hidden = SourceDetector.detect(PostInput(text: "Темно", forwardOrigin: .hiddenUser(name: "Пётр  Ильин")))
        #expect(hidden.network == .telegram)
        #expect(hidden.authorKey == "tg:hidden:петр ильин")
        let chat = SourceDetector.detect(PostInput(text: "Темно", forwardOrigin: .chat(chatID: -1009, title: "Дом", username: nil)))
        #expect(chat.network == .telegram && chat.link == nil && chat.authorKey == "tg:c/9")
    }

    @Test func aForwardedMessageQuotingAVKPostIsThatPost() {
        let input = PostInput(text: "Гляньте", urls: ["https://vk.com/wall-1_2"], forwardOrigin: .user(id: 42, name: "Иван"))
        #expect(SourceDetector.detect(input).link == "https://vk.com/wall-1_2")
    }

    /// Forwarded on MAX: a chat's or channel's post is a MAX post, whatever links it holds; a person's
    /// message is MAX by its author unless it quotes a post on a known network.
    @Test func forwardsOnMAXAreMAXNotTelegram() {
        let post = SourceDetector.detect(PostInput(text: "Новости: https://vk.com/wall-1_2", forwardOrigin: .maxChat(chatID: -70801090403050, messageID: 7)))
        #expect(post == PostSource(network: .max, threadKey: "max:-70801090403050/7", authorKey: "max:-70801090403050", isPost: true))
        let person = SourceDetector.detect(PostInput(text: "Когда уберут мусор?", forwardOrigin: .maxUser(id: 42, name: "Иван")))
        #expect(person == PostSource(network: .max, authorKey: "max:user:42"))
        let quoting = SourceDetector.detect(PostInput(text: "Гляньте https://vk.com/wall-1_2", forwardOrigin: .maxUser(id: 42, name: "Иван")))
        #expect(quoting.network == .vk)
    }

    @Test func nothingToGoOnIsOtherWithoutLink() {
        #expect(SourceDetector.detect(PostInput(text: "Скриншот из Одноклассников")) == PostSource(network: .other))
    }

    @Test func theRegulationNamesFourNetworks() {
        #expect(Network.allCases.filter(\.isNamedInRegulation) == [.vk, .ok, .facebook, .instagram])
    }
}
