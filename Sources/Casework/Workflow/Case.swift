import Foundation

/// Where a case stands (PRODUCT.md, "A case's life").
public enum CaseStatus: String, Codable, Sendable, CaseIterable {
    /// Opened by a specialist; no executor yet (also after a decline).
    case intake
    /// Assigned to a department; its 24 hours run; nobody has taken it yet.
    case routed
    /// An executor is preparing a draft (also after a return or an interim answer).
    case drafting
    /// A draft waits for a specialist's decision.
    case onApproval
    /// Approved; the specialist is to publish it on the network and mark it published.
    case approved
    /// A clarification was published; the case waits for the author's reply.
    case waitingForAuthor
    /// Finished: answered, rejected under § 11, or cancelled.
    case closed

    public var isOpen: Bool { self != .closed }
}

/// How a closed case ended.
public enum Closure: String, Codable, Sendable {
    /// The final answer was published (§ 1).
    case answered
    /// Not subject to processing under § 11: no answer.
    case rejectedSection11
    /// Withdrawn at intake by the specialist (not a critical post, opened by mistake).
    case cancelled
}

/// The three kinds of draft of § 6.
public enum DraftKind: String, Codable, Sendable, CaseIterable {
    case final
    case interim
    case clarification
}

/// A photo, video or document (a post's, a draft's), by the id the messenger that holds it gave it.
/// Another messenger cannot use that id: the file is fetched from its holder and uploaded again.
public struct MediaRef: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case photo, video, document }
    public var kind: Kind
    /// Telegram's file id, MAX's token (or its URL when MAX gave no token).
    public var fileId: String
    public var messenger: Messenger
    /// Where the holder serves the bytes, when it says so (MAX's `payload.url`); Telegram's come by `getFile`.
    public var url: String?

    public init(kind: Kind, fileId: String, messenger: Messenger = .telegram, url: String? = nil) {
        self.kind = kind
        self.fileId = fileId
        self.messenger = messenger
        self.url = url
    }

    private enum CodingKeys: String, CodingKey { case kind, fileId, messenger, url }

    // Sessions and drafts kept before MAX name no messenger: theirs are Telegram's.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        fileId = try c.decode(String.self, forKey: .fileId)
        messenger = try c.decodeIfPresent(Messenger.self, forKey: .messenger) ?? .telegram
        url = try c.decodeIfPresent(String.self, forKey: .url)
    }
}

/// A draft answer as the executor submitted it (and the specialist may have edited it).
public struct Draft: Codable, Sendable, Equatable {
    public var kind: DraftKind
    public var text: String
    public var media: [MediaRef]
    public var version: Int
    public var authorId: Int64
    public var submittedAt: Date

    public init(kind: DraftKind, text: String, media: [MediaRef] = [], version: Int = 1, authorId: Int64,
                submittedAt: Date) {
        self.kind = kind
        self.text = text
        self.media = media
        self.version = version
        self.authorId = authorId
        self.submittedAt = submittedAt
    }
}

/// What a deadline is for: the executor's answer (§ 5: 24 h) or the final answer after an interim one (§ 7).
public enum DeadlineKind: String, Codable, Sendable {
    case answer
    case finalAfterInterim
}

/// One case: a critical post and everything done about it. A value; the store persists it.
public struct Case: Codable, Sendable, Equatable {
    public var id: Int64
    public var status: CaseStatus
    public var closure: Closure?
    public var openedAt: Date
    public var openedBy: Int64
    public var departmentId: String?
    public var assignedAt: Date?
    /// The executor who took the case; the others of the department see who.
    public var takenBy: Int64?
    public var deadline: Date?
    public var deadlineKind: DeadlineKind?
    public var interimPublishedAt: Date?
    /// The earlier case this one repeats (§ 8).
    public var repeatOf: Int64?
    public var draft: Draft?
    /// Drafts submitted so far (the version of the next one is this + 1).
    public var draftCount: Int
    public var returnedCount: Int
    public var publishedLink: String?

    public init(id: Int64, openedAt: Date, openedBy: Int64) {
        self.id = id
        self.status = .intake
        self.openedAt = openedAt
        self.openedBy = openedBy
        self.draftCount = 0
        self.returnedCount = 0
    }
}

/// A specialist's decision on a draft.
public enum DraftDecision: String, Codable, Sendable {
    case approved
    case returned
}
