import Casework

/// What a button asks for. Encoded into Telegram's callback_data (at most 64 bytes) as
/// `code:arg:arg`. The data is never trusted: every action is authorised again when handled.
public enum CallbackAction: Sendable, Equatable, Hashable {
    // Intake card (specialist)
    case route(caseId: Int64, departmentId: String)
    case allDepartments(caseId: Int64, page: Int)
    case markRepeat(caseId: Int64, earlierId: Int64)
    case askRepeatNumber(caseId: Int64)
    case rejectSection11(caseId: Int64)
    case confirmRejectSection11(caseId: Int64)
    /// The specialist says a threat alert was a false alarm.
    case clearThreatAlarm(caseId: Int64)
    case cancelIntake(caseId: Int64)
    case splitIntake(caseId: Int64)
    // Executor card
    case take(caseId: Int64)
    case startDraft(caseId: Int64, kind: DraftKind)
    case decline(caseId: Int64)
    // Draft preview (executor)
    case sendDraft(caseId: Int64)
    case discardDraft(caseId: Int64)
    // Approval (specialist); the version guards against approving a draft that was replaced meanwhile
    case approve(caseId: Int64, version: Int)
    case editThenApprove(caseId: Int64, version: Int)
    case returnDraft(caseId: Int64, version: Int)
    case markPublished(caseId: Int64)
    case publishedWithLink(caseId: Int64)
    /// Publish the approved version under the VK post as the community; `withoutLinks` after VK
    /// refused the links in it (error 222).
    case publishToVK(caseId: Int64, version: Int, withoutLinks: Bool)
    /// Answer the captcha VK asked for when publishing.
    case answerVKCaptcha(caseId: Int64)
    /// The author wrote again under a closed case's answer: bring that comment in as a new post.
    case openVKComment(caseId: Int64, commentId: Int64)
    case attachAuthorReply(caseId: Int64)
    // Anyone with access
    case showCase(caseId: Int64)
    // Admin
    case inviteRole(role: Role)
    case inviteDepartment(departmentId: String)
    case revoke(personId: Int64)
    case confirmRevoke(personId: Int64)
    /// "No" / "Cancel" under a confirmation: the question goes away.
    case dismiss

    /// The case a button is about, when it is about one.
    public var caseId: Int64? {
        switch self {
        case let .route(id, _), let .allDepartments(id, _), let .markRepeat(id, _), let .askRepeatNumber(id),
             let .rejectSection11(id), let .confirmRejectSection11(id), let .clearThreatAlarm(id), let .cancelIntake(id), let .splitIntake(id),
             let .take(id), let .startDraft(id, _), let .decline(id), let .sendDraft(id), let .discardDraft(id),
             let .approve(id, _), let .editThenApprove(id, _), let .returnDraft(id, _), let .markPublished(id),
             let .publishedWithLink(id), let .attachAuthorReply(id), let .showCase(id), let .publishToVK(id, _, _),
             let .answerVKCaptcha(id), let .openVKComment(id, _):
            return id
        case .inviteRole, .inviteDepartment, .revoke, .confirmRevoke, .dismiss:
            return nil
        }
    }

    public var encoded: String {
        switch self {
        case let .route(c, d): return "rt:\(c):\(d)"
        case let .allDepartments(c, p): return "ad:\(c):\(p)"
        case let .markRepeat(c, e): return "rp:\(c):\(e)"
        case let .askRepeatNumber(c): return "rq:\(c)"
        case let .rejectSection11(c): return "s11:\(c)"
        case let .confirmRejectSection11(c): return "s11y:\(c)"
        case let .clearThreatAlarm(c): return "ta:\(c)"
        case let .cancelIntake(c): return "cx:\(c)"
        case let .splitIntake(c): return "sp:\(c)"
        case let .take(c): return "tk:\(c)"
        case let .startDraft(c, k): return "dr:\(c):\(Self.kindCode(k))"
        case let .decline(c): return "dc:\(c)"
        case let .sendDraft(c): return "ds:\(c)"
        case let .discardDraft(c): return "dx:\(c)"
        case let .approve(c, v): return "ap:\(c):\(v)"
        case let .editThenApprove(c, v): return "ae:\(c):\(v)"
        case let .returnDraft(c, v): return "rb:\(c):\(v)"
        case let .markPublished(c): return "pb:\(c)"
        case let .publishedWithLink(c): return "pl:\(c)"
        case let .publishToVK(c, v, bare): return "\(bare ? "vn" : "vp"):\(c):\(v)"
        case let .answerVKCaptcha(c): return "vc:\(c)"
        case let .openVKComment(c, comment): return "vo:\(c):\(comment)"
        case let .attachAuthorReply(c): return "au:\(c)"
        case let .showCase(c): return "sh:\(c)"
        case let .inviteRole(r): return "ir:\(r.rawValue)"
        case let .inviteDepartment(d): return "id:\(d)"
        case let .revoke(p): return "rv:\(p)"
        case let .confirmRevoke(p): return "rvy:\(p)"
        case .dismiss: return "x"
        }
    }

    /// Parses callback data; anything malformed (forged, truncated, from an old version) is nil.
    public init?(encoded: String) {
        guard encoded.utf8.count <= 64 else { return nil }
        let parts = encoded.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let code = parts.first else { return nil }
        func id(_ i: Int) -> Int64? { i < parts.count ? Int64(parts[i]).flatMap { $0 > 0 ? $0 : nil } : nil }
        func int(_ i: Int) -> Int? { i < parts.count ? Int(parts[i]).flatMap { $0 >= 0 ? $0 : nil } : nil }
        func word(_ i: Int) -> String? {
            guard i < parts.count, !parts[i].isEmpty, parts[i].count <= 24,
                  parts[i].allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) else { return nil }
            return parts[i]
        }
        let arity: [String: Int] = ["rt": 3, "ad": 3, "rp": 3, "dr": 3, "ap": 3, "ae": 3, "rb": 3, "vp": 3, "vn": 3, "vo": 3, "x": 1]
        guard parts.count == (arity[code] ?? 2) else { return nil }
        switch code {
        case "rt": guard let c = id(1), let d = word(2) else { return nil }; self = .route(caseId: c, departmentId: d)
        case "ad": guard let c = id(1), let p = int(2) else { return nil }; self = .allDepartments(caseId: c, page: p)
        case "rp": guard let c = id(1), let e = id(2) else { return nil }; self = .markRepeat(caseId: c, earlierId: e)
        case "rq": guard let c = id(1) else { return nil }; self = .askRepeatNumber(caseId: c)
        case "s11": guard let c = id(1) else { return nil }; self = .rejectSection11(caseId: c)
        case "s11y": guard let c = id(1) else { return nil }; self = .confirmRejectSection11(caseId: c)
        case "ta": guard let c = id(1) else { return nil }; self = .clearThreatAlarm(caseId: c)
        case "cx": guard let c = id(1) else { return nil }; self = .cancelIntake(caseId: c)
        case "sp": guard let c = id(1) else { return nil }; self = .splitIntake(caseId: c)
        case "tk": guard let c = id(1) else { return nil }; self = .take(caseId: c)
        case "dr": guard let c = id(1), let k = Self.kind(parts[2]) else { return nil }; self = .startDraft(caseId: c, kind: k)
        case "dc": guard let c = id(1) else { return nil }; self = .decline(caseId: c)
        case "ds": guard let c = id(1) else { return nil }; self = .sendDraft(caseId: c)
        case "dx": guard let c = id(1) else { return nil }; self = .discardDraft(caseId: c)
        case "ap": guard let c = id(1), let v = int(2) else { return nil }; self = .approve(caseId: c, version: v)
        case "ae": guard let c = id(1), let v = int(2) else { return nil }; self = .editThenApprove(caseId: c, version: v)
        case "rb": guard let c = id(1), let v = int(2) else { return nil }; self = .returnDraft(caseId: c, version: v)
        case "pb": guard let c = id(1) else { return nil }; self = .markPublished(caseId: c)
        case "pl": guard let c = id(1) else { return nil }; self = .publishedWithLink(caseId: c)
        case "vp", "vn":
            guard let c = id(1), let v = int(2) else { return nil }
            self = .publishToVK(caseId: c, version: v, withoutLinks: code == "vn")
        case "vc": guard let c = id(1) else { return nil }; self = .answerVKCaptcha(caseId: c)
        case "vo": guard let c = id(1), let comment = id(2) else { return nil }; self = .openVKComment(caseId: c, commentId: comment)
        case "au": guard let c = id(1) else { return nil }; self = .attachAuthorReply(caseId: c)
        case "sh": guard let c = id(1) else { return nil }; self = .showCase(caseId: c)
        case "ir": guard let r = Role(rawValue: parts[1]) else { return nil }; self = .inviteRole(role: r)
        case "id": guard let d = word(1) else { return nil }; self = .inviteDepartment(departmentId: d)
        case "rv": guard let p = id(1) else { return nil }; self = .revoke(personId: p)
        case "rvy": guard let p = id(1) else { return nil }; self = .confirmRevoke(personId: p)
        case "x": guard parts.count == 1 else { return nil }; self = .dismiss
        default: return nil
        }
    }

    private static func kindCode(_ kind: DraftKind) -> String {
        switch kind {
        case .final: "f"
        case .interim: "i"
        case .clarification: "c"
        }
    }

    private static func kind(_ code: String) -> DraftKind? {
        switch code {
        case "f": .final
        case "i": .interim
        case "c": .clarification
        default: nil
        }
    }
}
