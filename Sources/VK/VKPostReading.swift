import Casework
import Foundation
import VKAPI

/// Reads the post or comment a link names (service key) and turns VK's objects into the case's `VKPost`.
public enum VKPostReading {
    /// One read: `wall.getById` for a post; for a comment `wall.getComments` from that comment, one item
    /// (`wall.getComment` is for user keys only), inside its thread when the link names one.
    public static func read(_ address: VKPostAddress, with client: any VKAPIClient) async -> VKReadResult {
        do {
            if let commentId = address.commentId {
                let page = try await client.comments(VKCommentsQuery(ownerId: address.ownerId, postId: address.postId,
                                                                     threadOf: address.threadId, startCommentId: commentId, count: 1))
                guard let comment = page.items.first, comment.id == commentId, comment.deleted != true else { return .deleted }
                let names = Names(profiles: page.profiles, groups: page.groups)
                let author = comment.fromId
                return .read(VKPost(address: address, text: comment.text ?? "", authorName: author.flatMap(names.name),
                                    authorLink: author.map(names.link), authorKey: author.map { "vk:\($0)" },
                                    postedAt: comment.date.map(date), photoURLs: photos(comment.attachments),
                                    communityCanComment: page.groupsCanPost ?? page.canPost ?? true,
                                    threadRootId: address.threadId ?? comment.parentsStack?.first ?? commentId))
            }
            let page = try await client.post(ownerId: address.ownerId, postId: address.postId)
            guard let post = page.items.first, post.isDeleted != true else { return .deleted }
            let names = Names(profiles: page.profiles, groups: page.groups)
            // A community's post signed by a person is that person's; otherwise whoever posted it.
            let author = post.signerId ?? post.fromId ?? post.ownerId
            let reposts = (post.copyHistory ?? []).map { step in
                VKPost.Repost(authorName: names.name(step.fromId ?? step.ownerId), text: step.text ?? "")
            }
            let comments = post.comments
            return .read(VKPost(address: address, text: post.text ?? "", authorName: names.name(author),
                                authorLink: names.link(author), authorKey: "vk:\(author)", postedAt: post.date.map(date),
                                photoURLs: photos(post.attachments) + (post.copyHistory ?? []).flatMap { photos($0.attachments) },
                                reposts: reposts,
                                communityCanComment: comments?.groupsCanPost ?? (comments.map { $0.canPost == 1 } ?? true)))
        } catch {
            return result(of: error)
        }
    }

    /// What a refusal means for the card.
    static func result(of error: VKAPIError) -> VKReadResult {
        switch error {
        case let .api(code, message, _):
            switch code {
            case VKErrorCode.deleted, VKErrorCode.invalidParameter: return .deleted
            case VKErrorCode.accessDenied, VKErrorCode.privateProfile, VKErrorCode.postAccessDenied,
                 VKErrorCode.commentAccessDenied, VKErrorCode.commentsClosed:
                return .closed
            default: return .unavailable(reason: "VK error \(code): \(message)")
            }
        case let .ambiguous(detail): return .unavailable(reason: detail)
        case let .decoding(detail): return .unavailable(reason: "unreadable answer: \(detail)")
        case .cancelled: return .unavailable(reason: "stopped")
        case let .notConfigured(detail): return .unavailable(reason: detail)
        }
    }

    private static func date(_ unix: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(unix)) }

    private static func photos(_ attachments: [VKAttachment]?) -> [String] {
        (attachments ?? []).compactMap { $0.type == "photo" ? $0.photo?.largestURL : nil }
    }

    /// People's and communities' names from an `extended=1` answer.
    struct Names {
        var people: [Int64: VKProfile] = [:]
        var communities: [Int64: VKGroup] = [:]

        init(profiles: [VKProfile]?, groups: [VKGroup]?) {
            for p in profiles ?? [] { people[p.id] = p }
            for g in groups ?? [] { communities[g.id] = g }
        }

        func name(_ id: Int64) -> String? {
            if id < 0 { return communities[-id]?.name }
            guard let p = people[id] else { return nil }
            let name = [p.firstName, p.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            return name.isEmpty ? nil : name
        }

        func link(_ id: Int64) -> String {
            if id < 0 {
                if let screen = communities[-id]?.screenName, !screen.isEmpty { return "https://vk.com/\(screen)" }
                return "https://vk.com/club\(-id)"
            }
            if let screen = people[id]?.screenName, !screen.isEmpty { return "https://vk.com/\(screen)" }
            return "https://vk.com/id\(id)"
        }
    }
}
