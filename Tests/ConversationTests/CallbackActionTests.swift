import Casework
import Testing
@testable import Conversation

@Suite struct CallbackActionTests {
    static let all: [CallbackAction] = [
        .route(caseId: 9_223_372_036_854_775_807, departmentId: "improvement_and_parks_24"),
        .allDepartments(caseId: 1, page: 3), .markRepeat(caseId: 2, earlierId: 1), .askRepeatNumber(caseId: 2),
        .rejectSection11(caseId: 3), .confirmRejectSection11(caseId: 3), .cancelIntake(caseId: 4), .splitIntake(caseId: 4),
        .take(caseId: 5), .startDraft(caseId: 5, kind: .final), .startDraft(caseId: 5, kind: .interim),
        .startDraft(caseId: 5, kind: .clarification), .decline(caseId: 5), .sendDraft(caseId: 5), .discardDraft(caseId: 5),
        .approve(caseId: 6, version: 2), .editThenApprove(caseId: 6, version: 2), .returnDraft(caseId: 6, version: 2),
        .markPublished(caseId: 7), .publishedWithLink(caseId: 7), .attachAuthorReply(caseId: 7), .showCase(caseId: 8),
        .inviteRole(role: .executor), .inviteDepartment(departmentId: "roads"), .revoke(personId: 100001),
        .confirmRevoke(personId: 100001), .dismiss,
    ]

    @Test(arguments: all)
    func roundTripsWithinTelegramsLimit(action: CallbackAction) {
        #expect(action.encoded.utf8.count <= 64)
        #expect(CallbackAction(encoded: action.encoded) == action)
    }

    @Test(arguments: ["", "zz:1", "rt:1", "rt:1:Roads", "rt:1:roads:x", "tk:-5", "tk:0", "tk:abc", "ap:6:-1",
                      "dr:1:x", "ir:boss", "rt:1:" + String(repeating: "a", count: 25), String(repeating: "t", count: 65),
                      "tk:1:", "rt:1:ro ads", "rt:1:дороги", "x:1"])
    func refusesForgedOrMalformedData(data: String) {
        #expect(CallbackAction(encoded: data) == nil)
    }
}
