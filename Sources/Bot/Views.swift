import Casework
import Conversation
import DialogTemplates
import Foundation
import Store

/// How cases look in chat: the card every participant sees, and the buttons each of them gets.
extension Turn {
    func networkName(_ network: String) -> String { text(.network(Network(rawValue: network) ?? .other)) }

    func statusName(_ c: Case) -> String { text(.status(c.status, c.closure)) }

    func kindName(_ kind: DraftKind) -> String { text(.draftKind(kind)) }

    /// The first 300 characters of a post, on word boundaries.
    static func excerpt(_ text: String, limit: Int = 300) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard flat.count > limit else { return flat }
        let cut = flat.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }

    /// The card: number, network, link, excerpt, executor, deadline, status, screening, repeat.
    func card(_ c: Case, _ post: CasePost) throws -> String {
        var lines = [text("case.card.title", ["id": .int(Int(c.id)), "network": .text(networkName(post.network))])]
        if let link = post.link { lines.append(text("case.card.link", ["link": .text(link)])) }
        if let vk = post.vkRead { lines.append(vkLine(vk)) }
        let excerpt = Self.excerpt(post.text)
        if !excerpt.isEmpty { lines.append(text("case.card.excerpt", ["excerpt": .text(excerpt)])) }
        if !post.media.isEmpty { lines.append(dialogs.render("case.card.media", count: post.media.count)) }
        if let department = c.departmentId {
            var line = text("case.card.executor", ["department": .text(env.departmentName(department))])
            if let taker = c.takenBy { line += text("case.card.taker", ["name": .text(try personName(taker))]) }
            lines.append(line)
        }
        if let deadline = c.deadline {
            let key: DialogKey = c.deadlineKind == .finalAfterInterim ? "case.card.final_deadline" : "case.deadline"
            lines.append(text(key, ["when": .text(date(deadline)), "left": .text(dialogs.dates.relative(deadline, now: now))]))
        }
        lines.append(text("case.card.status", ["status": .text(statusName(c))]))
        if post.screening != .clean {
            lines.append(text("case.card.screening", ["verdict": .text(text(.screening(post.screening))),
                                                      "matches": .text(post.screeningMatches.prefix(5).joined(separator: ", "))]))
        }
        if let earlier = c.repeatOf { lines.append(text("case.card.repeat", ["id": .int(Int(earlier))])) }
        return lines.joined(separator: "\n")
    }

    /// What VK showed of the post: its author and when, or why the card goes by the message alone.
    func vkLine(_ read: VKReadResult) -> String {
        switch read {
        case let .read(post):
            var line = text("case.card.vk_author", [
                "author": .text(post.authorName ?? post.authorLink ?? "—"), "link": .text(post.authorLink ?? ""),
                "when": .text(post.postedAt.map(date) ?? ""),
            ])
            if !post.photoURLs.isEmpty { line += "\n" + dialogs.render("case.card.vk_photos", count: post.photoURLs.count) }
            if !post.communityCanComment { line += "\n" + text("case.card.vk_no_comments") }
            return line
        case .deleted: return text("case.card.vk_deleted")
        case .closed: return text("case.card.vk_closed")
        case .unavailable: return text("case.card.vk_unavailable")
        }
    }

    /// The buttons an executor of the case's department gets while the case is theirs to answer.
    func executorButtons(_ c: Case) -> [[Button]] {
        guard [.routed, .drafting].contains(c.status) else { return [] }
        var first = [Button(text("button.answer"), .startDraft(caseId: c.id, kind: .final))]
        if c.interimPublishedAt == nil { first.append(Button(text("button.interim"), .startDraft(caseId: c.id, kind: .interim))) }
        return [first, [Button(text("button.clarify"), .startDraft(caseId: c.id, kind: .clarification)),
                        Button(text("button.decline"), .decline(caseId: c.id))]]
    }

    /// The routing buttons of an intake card: suggested executors, repeats, "all executors", § 11, cancel.
    func intakeButtons(_ c: Case, suggestions: [String], repeats: [Int64], pieces: Int) -> [[Button]] {
        var rows: [[Button]] = suggestions.prefix(3).map { [Button("➡️ " + env.departmentName($0), .route(caseId: c.id, departmentId: $0))] }
        rows.append([Button(text("button.route_all"), .allDepartments(caseId: c.id, page: 0))])
        var repeatRow = repeats.prefix(2).map { Button(text("button.repeat_of", ["id": .int(Int($0))]), .markRepeat(caseId: c.id, earlierId: $0)) }
        repeatRow.append(Button(text("button.repeat_other"), .askRepeatNumber(caseId: c.id)))
        rows.append(repeatRow)
        var last = [Button(text("button.section11"), .rejectSection11(caseId: c.id)),
                    Button(text("button.cancel_intake"), .cancelIntake(caseId: c.id))]
        if pieces > 1 { last.insert(Button(text("button.split", ["count": .int(pieces)]), .splitIntake(caseId: c.id)), at: 0) }
        rows.append(last)
        return rows
    }

    /// Re-renders every card of the case in place, each with the buttons its holder may use now.
    func refreshCards(_ caseId: Int64) throws {
        guard let stored = try db.storedCase(id: caseId) else { return }
        let c = stored.state
        let body = try card(c, stored.post)
        for link in try db.cardMessages(caseId: caseId) {
            let holder = try db.actor(personId: link.chatId)
            var buttons: [[Button]] = []
            if let holder, holder.executes(c.departmentId) { buttons = executorButtons(c) }
            if let holder, holder.has(.specialist), c.status == .intake {
                let suggestions = env.router.suggest(for: stored.post.text).map(\.departmentID)
                buttons = intakeButtons(c, suggestions: suggestions, repeats: [], pieces: 1)
            }
            try edit(chat: link.chatId, messageId: link.messageId, body, buttons: buttons)
        }
    }
}
