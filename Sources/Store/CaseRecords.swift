import Casework
import Foundation
import GRDB

/// The post a case is about, as the specialist brought it in.
public struct CasePost: Sendable, Equatable {
    /// vk, ok, facebook, instagram, telegram, other…
    public var network: String
    public var link: String?
    /// Identifies the thread or post commented on, for repeat detection.
    public var threadKey: String?
    /// Identifies the author, for repeat detection.
    public var authorKey: String?
    public var text: String
    public var screening: ScreeningVerdict
    /// The words or patterns that made the screening verdict.
    public var screeningMatches: [String]
    /// The specialist's chat and the messages they forwarded (for `copyMessage`).
    public var sourceChatId: Int64?
    public var sourceMessageIds: [Int64]
    /// Photos, videos, documents of the post, in order.
    public var media: [MediaRef]
    /// What reading the VK post or comment the link names came to, when VK reading is on.
    public var vkRead: VKReadResult?

    public init(network: String, link: String? = nil, threadKey: String? = nil, authorKey: String? = nil,
                text: String, screening: ScreeningVerdict = .clean, screeningMatches: [String] = [],
                sourceChatId: Int64? = nil, sourceMessageIds: [Int64] = [], media: [MediaRef] = [], vkRead: VKReadResult? = nil) {
        self.network = network; self.link = link; self.threadKey = threadKey; self.authorKey = authorKey
        self.text = text; self.screening = screening; self.screeningMatches = screeningMatches
        self.sourceChatId = sourceChatId; self.sourceMessageIds = sourceMessageIds; self.media = media
        self.vkRead = vkRead
    }
}

/// A case with its post, e.g. as input to repeat detection.
public struct StoredCase: Sendable, Equatable {
    public var state: Case
    public var post: CasePost
    /// When the case was closed, if it is.
    public var closedAt: Date?
}

/// One draft version with its decision, for a case's history.
public struct DraftRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "draft"
    public var id: Int64?
    public var caseId: Int64
    public var version: Int
    public var kind: DraftKind
    /// As the executor wrote it.
    public var text: String
    /// The specialist's edit made on approval, if any.
    public var editedText: String?
    public var media: [MediaRef]
    public var authorId: Int64
    public var submittedAt: Date
    public var decision: DraftDecision?
    public var decidedBy: Int64?
    public var decidedAt: Date?
    public var comment: String?

    /// The draft as the workflow sees it: the edited text when there is one.
    public var draft: Draft {
        Draft(kind: kind, text: editedText ?? text, media: media, version: version, authorId: authorId,
              submittedAt: submittedAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One row of `"case"`: the case's own fields and its post. The current draft lives in `draft`.
struct CaseRow: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "case"
    var id: Int64?
    var status: CaseStatus
    var closure: Closure?
    var openedAt: Date
    var openedBy: Int64
    var departmentId: String?
    var assignedAt: Date?
    var takenBy: Int64?
    var deadline: Date?
    var deadlineKind: DeadlineKind?
    var interimPublishedAt: Date?
    var repeatOf: Int64?
    var draftCount: Int
    var returnedCount: Int
    var publishedLink: String?
    var closedAt: Date?
    var network: String
    var link: String?
    var threadKey: String?
    var authorKey: String?
    var postText: String
    var screening: ScreeningVerdict
    var screeningMatches: [String]
    var sourceChatId: Int64?
    var sourceMessageIds: [Int64]
    /// The post's text features (`TextFeatures.bytes`), written with the case in one insert.
    var features: Data?
    /// JSON text.
    var vkRead: VKReadResult?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(post: CasePost, openedBy: Int64, at now: Date, features: [UInt8]? = nil) {
        status = .intake
        openedAt = now
        self.openedBy = openedBy
        draftCount = 0
        returnedCount = 0
        network = post.network
        link = post.link
        threadKey = post.threadKey
        authorKey = post.authorKey
        postText = post.text
        screening = post.screening
        screeningMatches = post.screeningMatches
        sourceChatId = post.sourceChatId
        sourceMessageIds = post.sourceMessageIds
        self.features = features.map { Data($0) }
        vkRead = post.vkRead
    }

    /// Copies the workflow's fields; `closedAt` is set when the case first becomes closed.
    mutating func apply(_ c: Case, at now: Date) {
        status = c.status
        closure = c.closure
        openedAt = c.openedAt
        openedBy = c.openedBy
        departmentId = c.departmentId
        assignedAt = c.assignedAt
        takenBy = c.takenBy
        deadline = c.deadline
        deadlineKind = c.deadlineKind
        interimPublishedAt = c.interimPublishedAt
        repeatOf = c.repeatOf
        draftCount = c.draftCount
        returnedCount = c.returnedCount
        publishedLink = c.publishedLink
        closedAt = c.status == .closed ? (closedAt ?? now) : nil
    }

    func makeCase(draft: Draft?) -> Case {
        var c = Case(id: id ?? 0, openedAt: openedAt, openedBy: openedBy)
        c.status = status
        c.closure = closure
        c.departmentId = departmentId
        c.assignedAt = assignedAt
        c.takenBy = takenBy
        c.deadline = deadline
        c.deadlineKind = deadlineKind
        c.interimPublishedAt = interimPublishedAt
        c.repeatOf = repeatOf
        c.draft = draft
        c.draftCount = draftCount
        c.returnedCount = returnedCount
        c.publishedLink = publishedLink
        return c
    }

    func makePost(media: [MediaRef]) -> CasePost {
        CasePost(network: network, link: link, threadKey: threadKey, authorKey: authorKey, text: postText,
                 screening: screening, screeningMatches: screeningMatches, sourceChatId: sourceChatId,
                 sourceMessageIds: sourceMessageIds, media: media, vkRead: vkRead)
    }
}

/// One row of `postMedia`.
struct PostMediaRow: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "postMedia"
    var caseId: Int64
    var position: Int
    var kind: MediaRef.Kind
    var fileId: String
    var messenger: Messenger
    var url: String?
}

/// A case intake compares a new post with: its number and its department now (which routing
/// changes; the rest of what intake needs never changes, see `StoredPost`). `onlyRecent`: found only
/// as one of the most recent cases, which count only within the history window.
public struct EarlierCaseRef: Sendable, Equatable {
    public var id: Int64
    public var departmentId: String?
    public var onlyRecent: Bool
}

/// What never changes about a case's post, as the store keeps it: its source keys, when the case
/// opened, its text features' bytes (in the format asked for) and its text.
public struct StoredPost: Sendable, Equatable {
    public var link: String?
    public var threadKey: String?
    public var authorKey: String?
    public var openedAt: Date
    public var features: [UInt8]?
    public var text: String?

    public init(link: String?, threadKey: String?, authorKey: String?, openedAt: Date, features: [UInt8]?, text: String?) {
        self.link = link
        self.threadKey = threadKey
        self.authorKey = authorKey
        self.openedAt = openedAt
        self.features = features
        self.text = text
    }
}
