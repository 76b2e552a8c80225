import Casework
import Testing

@Suite("VK links as the ids the VK API takes")
struct VKPostAddressTests {
    @Test("every post and comment link form names the same owner, post, comment and thread", arguments: [
        ("https://vk.com/wall-123_456", -123, 456, nil, nil),
        ("vk.ru/wall-123_456", -123, 456, nil, nil),
        ("https://m.vk.com/wall-123_456?from=groups", -123, 456, nil, nil),
        ("https://m.vk.ru/wall-123_456", -123, 456, nil, nil),
        ("https://vk.me/wall-123_456", -123, 456, nil, nil),
        ("https://vk.com/wall77_5", 77, 5, nil, nil),
        ("https://vk.com/club123?w=wall-123_456", -123, 456, nil, nil),
        ("https://vk.com/public123?w=wall-123_456", -123, 456, nil, nil),
        ("https://vk.com/gorod_online?w=wall-123_456%2Fall", -123, 456, nil, nil),
        ("https://vk.com/feed?section=notifications&scroll_to=wall-123_456", -123, 456, nil, nil),
        ("https://vk.com/wall-123_456?reply=789", -123, 456, 789, nil),
        ("https://vk.com/wall-123_456?reply=789&thread=700", -123, 456, 789, 700),
        ("https://m.vk.com/wall-123_456?reply=789&thread=700&utm_source=share", -123, 456, 789, 700),
        ("https://vk.com/away.php?to=https%3A%2F%2Fvk.com%2Fwall-9_8%3Freply%3D7", -9, 8, 7, nil),
    ] as [(String, Int64, Int64, Int64?, Int64?)])
    func linkForms(raw: String, owner: Int64, post: Int64, comment: Int64?, thread: Int64?) throws {
        let address = try #require(VKPostAddress(link: raw))
        #expect(address == VKPostAddress(ownerId: owner, postId: post, commentId: comment, threadId: thread))
    }

    @Test("pages, photos, videos, other networks and old or short forms are not posts", arguments: [
        "https://vk.com/club123", "https://vk.com/public123", "https://vk.com/gorod_online", "https://vk.com/id5",
        "https://vk.com/photo-1_457239017", "https://vk.com/video-22_456239100", "https://vk.com/wall-1_2_r3",
        "https://vk.cc/abc123", "https://ok.ru/group/5/topic/6", "https://example.ru/wall-1_2", "vk.com/wall0_5",
    ])
    func notPosts(raw: String) {
        #expect(VKPostAddress(link: raw) == nil)
    }

    @Test("the canonical link keeps the comment and its thread, and a message's first post link is found")
    func canonical() throws {
        let address = try #require(VKPostAddress(link: "https://m.vk.ru/wall-1_2?reply=3&thread=4&from=feed"))
        #expect(address.link == "https://vk.com/wall-1_2?reply=3&thread=4")
        #expect(address.post.link == "https://vk.com/wall-1_2")
        let input = PostInput(text: "Смотрите vk.com/club5 и https://vk.com/wall-5_10?reply=11 — жалоба на двор")
        #expect(VKPostAddress.first(in: input) == VKPostAddress(ownerId: -5, postId: 10, commentId: 11))
        #expect(input.wordsBesideLinks == "Смотрите и — жалоба на двор")
    }
}
