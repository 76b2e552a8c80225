import Casework
import Conversation
import DialogTemplates
import Foundation
import Store

/// A specialist brings a post in: the case, its card, routing, repeats, § 11, splitting.
extension BotHandler {
    /// How far back repeats and routing history look for similar text (same link, thread or author:
    /// any age), and how many recent cases they compare at most.
    static let historyWindow: TimeInterval = 90 * 86400
    static let historyLimit = 300

    func openCase(_ pieces: [PostPiece], _ turn: inout Turn) throws {
        guard let actor = turn.actor, actor.has(.specialist), !pieces.isEmpty else { return }
        let text = pieces.map(\.text).filter { !$0.isEmpty }.joined(separator: "\n\n")
        let origin = pieces.lazy.compactMap(\.forwardOrigin).first
        let input = PostInput(text: text, urls: pieces.flatMap(\.urls), forwardOrigin: origin)
        let vk = try vkRead(of: pieces, in: turn.db)
        // The post as VK has it, with the specialist's own words after it: that is what is screened,
        // compared and routed. One piece brings its analysis, made before its transaction; pieces
        // joined, or a text read from VK, are analysed here.
        var postText = text
        var analysis: PostAnalysis
        if let read = vk?.post {
            // The specialist's own words, unless they only repeat the post (a forward of it with its link).
            let words = input.wordsBesideLinks
            let flat = { (text: String) in text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased() }
            let repeated = words.isEmpty || flat(read.fullText).contains(flat(words))
            postText = repeated ? read.fullText : read.fullText + "\n\n" + words
            analysis = env.analyse(PostInput(text: postText))
            // The source is the link the specialist shared (not links inside the post); repeats (§ 8)
            // match the post's real author, whichever link was shared.
            analysis.source = SourceDetector.detect(input)
            if let author = read.authorKey { analysis.source.authorKey = author }
        } else {
            analysis = pieces.count == 1 ? pieces[0].analysis ?? env.analyse(input) : env.analyse(input)
        }
        analysis.source.authorKey = try resolvedAuthorKey(analysis.source.authorKey, in: turn.db)
        let (source, screening) = (analysis.source, analysis.screening)
        let post = CasePost(network: source.network.rawValue, link: source.link, threadKey: source.threadKey,
                            authorKey: source.authorKey, text: postText, screening: screening.verdict,
                            screeningMatches: screening.matches.map(\.fragment), sourceChatId: turn.chatId,
                            sourceMessageIds: pieces.map(\.messageId), media: pieces.flatMap(\.media), vkRead: vk)
        let earlier = try turn.db.earlierCases(link: source.link, threadKey: source.threadKey, authorKey: source.authorKey,
                                               recent: Self.historyLimit)
        // Stored with the case and kept in memory: it is compared as an earlier case later.
        let textFeatures = analysis.features
        let c = try turn.db.insertCase(post: post, openedBy: actor.personId, at: turn.now, features: textFeatures.bytes)
        let features = PostFeatures(link: source.link, threadKey: source.threadKey, authorKey: source.authorKey,
                                    text: textFeatures)
        env.posts.store(c.id, KnownPost(post: features, openedAt: turn.now))
        let detail = pieces.count > 1 ? String(decoding: try JSONEncoder().encode(pieces), as: UTF8.self) : nil
        try turn.db.appendJournal(.open(pieces: detail), actorId: actor.personId, caseId: c.id, at: turn.now)

        // Earlier cases' posts: from memory, else from the store (features stored with the case, else
        // computed and stored). The most recent count only within the history window.
        let db = turn.db
        let known = try env.posts.posts(
            of: earlier.map(\.id),
            load: { try db.storedPosts(caseIds: $0, version: TextFeatures.formatVersion) },
            save: { try db.saveFeatures(caseId: $0, $1) })
        let since = turn.now.addingTimeInterval(-Self.historyWindow)
        let earlierCases = earlier.compactMap { e -> EarlierCase? in
            guard e.id != c.id, let known = known[e.id], !e.onlyRecent || known.openedAt >= since else { return nil }
            return EarlierCase(id: e.id, post: known.post, departmentID: e.departmentId, openedAt: known.openedAt)
        }
        let repeats = RepeatDetector().candidates(for: features, among: earlierCases, limit: 2)
        let history = earlierCases.compactMap { e in e.departmentID.map { PastAssignment(features: e.post.text, departmentID: $0) } }
        var suggestions = env.router.suggest(for: postText, features: textFeatures, history: history).map(\.departmentID)
        // § 8: a repeat goes to the earlier case's executor by default, so that executor comes first.
        for candidate in repeats.reversed() {
            if let d = candidate.departmentID { suggestions.removeAll { $0 == d }; suggestions.insert(d, at: 0) }
        }

        var body = try turn.card(c, post)
        for candidate in repeats {
            body += "\n" + turn.text("intake.repeat_candidate", [
                "id": .int(Int(candidate.caseID)), "reason": .text(turn.text(.repeatReason(candidate.reason))),
                "department": .text(env.departmentName(candidate.departmentID)),
            ])
        }
        body += "\n\n" + turn.text(screening.verdict == .clean ? "intake.choose" : "intake.choose_or_reject")
        try turn.reply(body, buttons: turn.intakeButtons(c, suggestions: suggestions, repeats: repeats.map(\.caseID),
                                                        pieces: pieces.count),
                       caseId: c.id, purpose: .card)
        try alertThreat(c.id, link: source.link, screening: screening, inDraft: false, &turn)
    }

    /// "Repeat of №N": the earlier case's department takes it by default (§ 8).
    func markRepeat(_ caseId: Int64, of earlierId: Int64, _ turn: inout Turn) throws {
        guard let earlier = try turn.db.case(id: earlierId) else {
            try refuse(text: turn.text("refusal.case_not_found", ["id": .int(Int(earlierId))]), &turn)
            return
        }
        guard let department = try earlier.departmentId ?? turn.db.lastAssignedDepartment(caseId: earlierId) else {
            // The earlier case never had an executor, so there is nobody to route to by default.
            try refuse(text: turn.text("intake.repeat_without_executor", ["id": .int(Int(earlierId))]), &turn)
            return
        }
        try apply(.markRepeat(of: earlierId, departmentId: department), to: caseId, &turn)
    }

    /// All departments, eight per page, for routing a case.
    func showDepartments(_ caseId: Int64, page: Int, _ turn: inout Turn) throws {
        guard let c = try turn.db.case(id: caseId), [.intake, .routed, .drafting].contains(c.status) else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        let perPage = 8
        let pages = max(1, (env.departments.count + perPage - 1) / perPage)
        let current = min(max(page, 0), pages - 1)
        var rows: [[Button]] = env.departments.dropFirst(current * perPage).prefix(perPage).map {
            [Button($0.name, .route(caseId: caseId, departmentId: $0.id))]
        }
        var nav: [Button] = []
        if current > 0 { nav.append(Button(turn.text("button.page_prev"), .allDepartments(caseId: caseId, page: current - 1))) }
        if current < pages - 1 { nav.append(Button(turn.text("button.page_next"), .allDepartments(caseId: caseId, page: current + 1))) }
        rows.append(nav)
        let text = turn.text("intake.departments", ["id": .int(Int(caseId)), "page": .int(current + 1), "pages": .int(pages)])
        if let message = turn.buttonMessageId, page > 0 || turn.callbackText != nil {
            try turn.edit(chat: turn.chatId, messageId: message, text, buttons: rows)
        } else {
            try turn.reply(text, buttons: rows)
        }
        turn.keptButtons = true
    }

    func confirmSection11(_ caseId: Int64, _ turn: inout Turn) throws {
        guard let c = try turn.db.case(id: caseId), [.intake, .routed, .drafting].contains(c.status) else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        try turn.reply(turn.text("intake.section11_confirm", ["id": .int(Int(caseId))]), buttons: [[
            Button(turn.text("button.section11_confirm"), .confirmRejectSection11(caseId: caseId)),
            Button(turn.text("button.cancel"), .dismiss),
        ]])
    }

    /// A batch brought in together was several posts after all: one case each, the combined one cancelled.
    func split(_ caseId: Int64, _ turn: inout Turn) throws {
        guard case let .open(detail?)? = try turn.db.journal(caseId: caseId).first(where: { $0.action.name == .open })?.action,
              let pieces = try? JSONDecoder().decode([PostPiece].self, from: Data(detail.utf8)), pieces.count > 1,
              try turn.db.case(id: caseId)?.status == .intake else {
            try refuse(text: turn.text("error.stale_button"), &turn)
            return
        }
        guard try apply(.cancel, to: caseId, &turn) != nil else { return }
        for piece in pieces { try openCase([piece], &turn) }
    }
}
