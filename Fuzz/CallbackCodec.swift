// libFuzzer target: callback data as a forged client could send it, and every action the bot can
// put under a button. Parsing never crashes, parsed data re-encodes to the same action within
// Telegram's 64 bytes, every valid action survives its own round trip, and the conversation's answer
// to any button from any role is computed without crashing.
import Casework
import Conversation
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCallbackCodec(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Array(UnsafeBufferPointer(start: bytes, count: count))
    let text = String(decoding: data, as: UTF8.self)
    if let action = CallbackAction(encoded: text) {
        let canonical = action.encoded
        precondition(canonical.utf8.count <= 64, "re-encoded callback data exceeds 64 bytes: \(canonical)")
        precondition(CallbackAction(encoded: canonical) == action, "\(text) → \(action) → \(canonical) does not parse back")
        press(action, data)
    } else {
        press(nil, data)
    }
    var source = ByteSource(data)
    let made = source.action()
    let wire = made.encoded
    if wire.utf8.count <= 64 {
        precondition(CallbackAction(encoded: wire) == made, "\(made) encodes to \(wire), which does not parse back")
    }
    return 0
}

/// The conversation's answer to a button, for the actor and session the bytes pick.
private func press(_ action: CallbackAction?, _ data: [UInt8]) {
    var source = ByteSource(data.reversed())
    let roles = Set(Role.allCases.filter { _ in source.bool() })
    let actor = source.bool() ? Actor(personId: source.id(), roles: roles, departmentId: source.word()) : nil
    let sessions: [Session] = [.idle, .awaitingPost, .awaitingDeclineReason(caseId: source.id()),
                               .awaitingReturnComment(caseId: source.id(), version: source.int())]
    let session = sessions[Int(source.byte()) % sessions.count]
    _ = Conversation.decide(.button(action), session: session, actor: actor)
}

/// Reads structured values out of the fuzzer's bytes; zeros when they run out.
private struct ByteSource {
    var bytes: [UInt8]
    var at = 0
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func byte() -> UInt8 {
        defer { at += 1 }
        return at < bytes.count ? bytes[at] : 0
    }
    mutating func bool() -> Bool { byte() & 1 == 1 }
    mutating func int64() -> Int64 { (0..<8).reduce(Int64(0)) { acc, _ in acc << 8 | Int64(byte()) } }
    /// A positive id, from 1 to Int64.max.
    mutating func id() -> Int64 { max(1, int64() & Int64.max) }
    mutating func int() -> Int { Int(int64() & Int64.max) }
    /// A department id as staff.yaml allows it: 1–24 of [a-z0-9_-].
    mutating func word() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789_-")
        let length = Int(byte()) % 24 + 1
        return String((0..<length).map { _ in alphabet[Int(byte()) % alphabet.count] })
    }
    mutating func action() -> CallbackAction {
        let kinds: [DraftKind] = [.final, .interim, .clarification]
        switch byte() % 25 {
        case 0: return .route(caseId: id(), departmentId: word())
        case 1: return .allDepartments(caseId: id(), page: int())
        case 2: return .markRepeat(caseId: id(), earlierId: id())
        case 3: return .askRepeatNumber(caseId: id())
        case 4: return .rejectSection11(caseId: id())
        case 5: return .confirmRejectSection11(caseId: id())
        case 6: return .cancelIntake(caseId: id())
        case 7: return .splitIntake(caseId: id())
        case 8: return .take(caseId: id())
        case 9: return .startDraft(caseId: id(), kind: kinds[Int(byte()) % 3])
        case 10: return .decline(caseId: id())
        case 11: return .sendDraft(caseId: id())
        case 12: return .discardDraft(caseId: id())
        case 13: return .approve(caseId: id(), version: int())
        case 14: return .editThenApprove(caseId: id(), version: int())
        case 15: return .returnDraft(caseId: id(), version: int())
        case 16: return .markPublished(caseId: id())
        case 17: return .publishedWithLink(caseId: id())
        case 18: return .attachAuthorReply(caseId: id())
        case 19: return .showCase(caseId: id())
        case 20: return .inviteRole(role: Role.allCases[Int(byte()) % Role.allCases.count])
        case 21: return .inviteDepartment(departmentId: word())
        case 22: return .revoke(personId: id())
        case 23: return .confirmRevoke(personId: id())
        default: return .dismiss
        }
    }
}
