import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import Messaging
import Sandbox
import Settings
import Store
import VKSandbox

/// `otklik demo`: the regulation at work, from a forwarded post to the head's report, played by
/// simulated people against the embedded sandbox, with the real client, store and scheduler.
/// Each step checks that what should have happened did; the first that did not ends the demo.
public struct Demo {
    public static let specialist: Int64 = 100001
    public static let roads: Int64 = 200001
    public static let yards: Int64 = 200201
    public static let head: Int64 = 300001

    public var configPath: String
    public var language: String
    /// The messenger the story plays on: Telegram's sandbox or MAX's.
    public var messenger: Messenger = .telegram
    /// Called between steps (e.g. to wait for Enter with `--step`).
    public var pause: @Sendable (String) async -> Void = { _ in }
    /// Whether `pause` waits for the person (`--step`).
    public var stepping = false
    /// Where the narration goes.
    public var say: @Sendable (String) -> Void = { print($0) }

    public init(configPath: String, language: String) {
        self.configPath = configPath
        self.language = language
    }

    /// 10:00 on Monday 2026-11-30 in Barnaul.
    static let start = Date(timeIntervalSince1970: 1_796_007_600)

    var en: Bool { language == "en" }

    var people: [StaffSettings.PersonEntry] {
        func person(_ id: Int64, _ name: String, _ roles: Set<Role>, _ department: String?) -> StaffSettings.PersonEntry {
            messenger == .telegram ? .init(telegramId: id, name: name, roles: roles, department: department)
                                   : .init(telegramId: nil, maxId: id, name: name, roles: roles, department: department)
        }
        return [
            person(Self.specialist, en ? "Anna Ivanova" : "Иванова Анна", [.specialist, .admin], nil),
            person(Self.roads, en ? "Pyotr Petrov" : "Петров Пётр", [.executor], "roads"),
            person(Self.yards, en ? "Olga Smirnova" : "Смирнова Ольга", [.executor], "improvement"),
            person(Self.head, en ? "Maria Sidorova" : "Сидорова Мария", [.head], nil),
        ]
    }

    /// Plays the script; returns the transcript. Throws `Stage.Failure` at the first step that went wrong.
    public func run() async throws -> String {
        let stage: any MessengerStage = switch messenger {
        case .telegram: try await Stage(configPath: configPath, people: people, start: Self.start, language: language, withVK: true,
                                        withDashboard: true)
        case .max: try await MaxStage(configPath: configPath, people: people, start: Self.start, language: language)
        }
        do {
            try await stage.startService()
            try await play(stage)
            let transcript = await stage.transcript(people: people, english: en)
            await stage.stop()
            return transcript
        } catch {
            await stage.stop()
            throw error
        }
    }

    func step(_ text: String) async {
        say("▶ " + text)
        await pause(text)
    }

    func check(_ condition: Bool, _ what: String) throws {
        if !condition { throw Stage.Failure("the demo expected: \(what)") }
    }

    func play(_ s: any MessengerStage) async throws {
        // With VK in the story, the post is on the VK sandbox and the card is read from there.
        let vkLink = try await preparedVKPost(s) ?? "https://vk.com/wall-77123456_8910"
        await step(en ? "The specialist forwards a VK post about a pothole" : "Специалист пересылает пост из ВКонтакте о яме на дороге")
        let card = try await s.forwardPost("Огромная яма на дороге у дома 5 по ул. Ленина, уже третья машина пробила колесо! \(vkLink)",
                                           photos: 0, from: Self.specialist)
        let pothole = try caseId(card)
        try check(card.has(.route(caseId: pothole, departmentId: "roads")), "the roads committee is suggested for a pothole")

        await step(en ? "She routes it to the roads committee" : "Она направляет его в комитет по дорожному хозяйству")
        try await s.pressAndWait(.route(caseId: pothole, departmentId: "roads"), by: Self.specialist)
        try await s.waitForCase(pothole) { $0.status == .routed }

        await step(en ? "She forwards an album: three photos of snowdrifts in a yard" : "Она пересылает альбом: три фото сугробов во дворе")
        let albumCard = try await s.forwardPost("Двор на ул. Мира, 3 не чистят от снега уже неделю, дети не могут пройти к садику.",
                                                photos: 3, from: Self.specialist)
        let snow = try caseId(albumCard)
        try check(try await s.database.read { db in try db.post(caseId: snow)?.media.count } == 3, "the album is one case with three photos")
        try await s.pressAndWait(.route(caseId: snow, departmentId: "improvement"), by: Self.specialist)

        await step(en ? "She forwards an abusive post; the bot flags it under § 11" : "Она пересылает оскорбительный пост; бот помечает его по § 11")
        let rude = try await s.forwardPost("Да вы там все охуели, бл*дь, дороги как после войны!", photos: 0, from: Self.specialist)
        let rudeId = try caseId(rude)
        try check(try await s.database.read { db in try db.post(caseId: rudeId)?.screening } == .obscene, "the post is flagged as obscene")
        try await s.pressAndWait(.rejectSection11(caseId: rudeId), by: Self.specialist)
        try await s.pressAndWait(.confirmRejectSection11(caseId: rudeId), by: Self.specialist)
        try check(try await s.storedCase(rudeId)?.closure == .rejectedSection11, "the case is closed under § 11 with no answer")

        await step(en ? "She forwards a post threatening the head of the district; the head is alerted at once"
                      : "Она пересылает пост с угрозой главе района; руководитель сразу получает тревогу")
        let alertsBefore = await s.chat(Self.head).count
        let threat = try await s.forwardPost("Главе района передайте: дачу его в Берёзовке спалю, бензин уже купил.", photos: 0,
                                             from: Self.specialist)
        let threatId = try caseId(threat)
        try check(try await s.database.read { db in try db.post(caseId: threatId)?.screening } == .threat, "the post is flagged as a threat")
        try check(await s.chat(Self.head).dropFirst(alertsBefore).contains { $0.has(.showCase(caseId: threatId)) },
                  "the head is alerted with the case")
        try await s.pressAndWait(.rejectSection11(caseId: threatId), by: Self.specialist)
        try await s.pressAndWait(.confirmRejectSection11(caseId: threatId), by: Self.specialist)

        await step(en ? "The executor sends an interim answer with a photo" : "Исполнитель отправляет промежуточный ответ с фото")
        try await writeDraft(s, pothole, .interim, "Заявка принята, яма будет отремонтирована в ближайшие дни.")
        try await s.waitForCase(pothole) { $0.status == .onApproval }

        await step(en ? "The specialist returns it once with a comment" : "Специалист один раз возвращает его с комментарием")
        try await s.pressAndWait(.returnDraft(caseId: pothole, version: 1), by: Self.specialist)
        try await s.say("Укажите конкретную дату ремонта.", from: Self.specialist)
        try await s.waitForCase(pothole) { $0.status == .drafting && $0.returnedCount == 1 }

        await step(en ? "The executor redoes it; the specialist approves and publishes" : "Исполнитель исправляет; специалист согласует и публикует")
        try await writeDraft(s, pothole, .interim, "Ремонт ямы у дома 5 по ул. Ленина запланирован на 3 декабря.")
        try await s.pressAndWait(.approve(caseId: pothole, version: 2), by: Self.specialist)
        try await s.pressAndWait(.markPublished(caseId: pothole), by: Self.specialist)
        let interim = try await s.waitForCase(pothole) { $0.deadlineKind == .finalAfterInterim }
        let finalDue = try interim.deadline.map { $0 } ?? { throw Stage.Failure("no final deadline") }()
        try check(finalDue == ISO8601DateFormatter().date(from: "2026-12-09T23:59:59+07:00"),
                  "the final answer is due at the end of the 7th working day (9 December)")

        await step(en ? "Nobody answers the snow case: a reminder, the deadline, the head's escalation"
                      : "По сугробам никто не отвечает: напоминание, истёкший срок, эскалация руководителю")
        let snowDue = try await s.storedCase(snow)?.deadline ?? Self.start
        let headBefore = await s.chat(Self.head).count
        try await s.advance(to: snowDue.addingTimeInterval(26 * 3600))
        let headTexts = await s.chat(Self.head).dropFirst(headBefore).compactMap(\.text)
        try check(headTexts.contains { $0.contains("🚨") && $0.contains("\(snow)") }, "the head gets the escalation")
        try check(await s.chat(Self.yards).contains { ($0.text ?? "").contains("❗") }, "the executor is told the deadline passed")

        await step(en ? "The final answer arrives within 7 working days" : "Итоговый ответ приходит в пределах 7 рабочих дней")
        try await writeDraft(s, pothole, .final, "Яма у дома 5 по ул. Ленина заделана 3 декабря. Спасибо за сигнал!")
        try await s.pressAndWait(.approve(caseId: pothole, version: 3), by: Self.specialist)
        try await s.pressAndWait(.publishedWithLink(caseId: pothole), by: Self.specialist)
        try await s.say("\(vkLink)?reply=9001", from: Self.specialist)
        let closed = try await s.waitForCase(pothole) { $0.status == .closed }
        try check(closed.closure == .answered && s.clock.now() <= finalDue, "the case is answered within 7 working days")

        await step(en ? "A repeat about the same post is detected and routed to the same executor"
                      : "Повторное сообщение о том же посте распознаётся и уходит тому же исполнителю")
        let before = await s.chat(Self.roads).count
        let repeatCard = try await s.forwardPost("Снова про яму на Ленина, 5 — опять провал на том же месте! \(vkLink)",
                                                 photos: 0, from: Self.specialist)
        let again = try caseId(repeatCard)
        try check(repeatCard.has(.markRepeat(caseId: again, earlierId: pothole)), "the card proposes «repeat of №\(pothole)»")
        try await s.pressAndWait(.markRepeat(caseId: again, earlierId: pothole), by: Self.specialist)
        let linked = try await s.waitForCase(again) { $0.status == .routed }
        try check(linked.repeatOf == pothole && linked.departmentId == "roads", "the repeat is linked and goes to roads")
        try check(await s.chat(Self.roads).count > before, "the executor is told, with the earlier history")

        if let stage = s as? Stage, let vk = stage.vk { try await playVK(stage, vk) }

        await step(en ? "The head asks for the overdue cases and the report" : "Руководитель запрашивает просроченные обращения и отчёт")
        try await s.say("/overdue", from: Self.head)
        try await s.say("/report", from: Self.head)
        try check(await s.chat(Self.head).count >= headBefore + 2, "the head gets the figures")
        // The chart above the report's text, kept as a file the reader of the transcript can open.
        let messages = await s.chat(Self.head)
        guard messages.count >= 2, let chart = await s.attachedFile(Self.head, message: messages[messages.count - 2].id),
              chart.data.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { throw Stage.Failure("the demo expected: the report comes with its chart") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-demo-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(chart.name.isEmpty ? "otklik-report.png" : chart.name)
        try chart.data.write(to: file)
        say("   " + (en ? "The report's chart, as the head sees it: " : "График отчёта, как его видит руководитель: ") + file.path)

        // The dashboard, for the demo's data: the head asks the bot for a link.
        if let stage = s as? Stage, let port = stage.dashboardPort {
            await step(en ? "The head opens the dashboard from the bot" : "Руководитель открывает панель из бота")
            try await s.say("/dashboard", from: Self.head)
            guard let link = await s.chat(Self.head).last?.buttonURLs.first(where: { $0.contains("/login?t=") }) else {
                throw Stage.Failure("the demo expected: /dashboard gives a login link")
            }
            say("   " + (en ? "The dashboard: " : "Панель: ") + "http://127.0.0.1:\(port)/")
            say("   " + (en ? "Sign in (once, within 10 minutes): " : "Вход (один раз, 10 минут): ") + link)
            if !stepping {
                say("   " + (en ? "(the demo ends now and the page with it: run `otklik demo --step` to open it while it waits)"
                                : "(демо сейчас закончится, и страница вместе с ним: `otklik demo --step` подождёт, пока вы её откроете)"))
            }
            await pause(en ? "open the dashboard in a browser" : "откройте панель в браузере")
        }
        let refused = try await s.database.read { db in try db.failedOutbox(since: .distantPast) }
        try check(refused.isEmpty, "the messenger took every message (refused: \(refused.map { $0.failure ?? "" }))")
    }

    /// VK: the bot reads the shared comment itself and publishes the approved answer under it as the
    /// administration's community (the VK sandbox plays VK).
    static let vkCommunity: Int64 = 77_123_456
    static let vkResident: Int64 = 5001

    /// The pothole post on VK: a resident's, on a city community's wall; nil without VK.
    func preparedVKPost(_ s: any MessengerStage) async throws -> String? {
        guard let vk = (s as? Stage)?.vk else { return nil }
        await vk.addCommunity(id: Self.vkCommunity, name: "Подслушано Славгород", screenName: "slav_podslushano")
        await vk.addUser(id: Self.vkResident, firstName: "Иван", lastName: "Петров", screenName: "ivan_petrov")
        let post = try await vk.addPost(ownerId: -Self.vkCommunity, text: "Огромная яма на дороге у дома 5 по ул. Ленина, уже третья машина пробила колесо!",
                                        fromId: Self.vkResident)
        return "https://vk.com/wall-\(Self.vkCommunity)_\(post)"
    }

    func playVK(_ s: Stage, _ vk: VKSandbox) async throws {
        let (community, resident) = (Self.vkCommunity, Self.vkResident)
        let post = try await vk.addPost(ownerId: -community, text: "Пишите, где в городе не горят фонари.", fromId: -community)
        let comment = try await vk.addComment(ownerId: -community, postId: post, fromId: resident,
                                              text: "На ул. Гагарина, 12 третью неделю не горит светофор на перекрёстке, дети переходят в темноте!")
        await step(en ? "She shares a link to a resident's VK comment; the bot reads the comment and its author itself (VK is the embedded VK sandbox)"
                      : "Она присылает ссылку на комментарий жителя во VK; бот сам читает комментарий и автора (VK здесь — встроенная песочница)")
        let before = await s.chat(Self.specialist).count
        try await s.send("https://vk.com/wall-\(community)_\(post)?reply=\(comment)", from: Self.specialist)
        _ = try await s.settleChat(Self.specialist, after: before)
        let card = try await s.chat(Self.specialist).dropFirst(before).last { $0.action { if case .route = $0 { true } else { false } } != nil }
            ?? { throw Stage.Failure("no card for the VK link") }()
        let lights = try caseId(card)
        try check(card.text?.contains("третью неделю не горит светофор") == true && card.text?.contains("Иван Петров") == true,
                  "the card shows the comment's text and its author, read from VK")
        try await s.pressAndWait(.route(caseId: lights, departmentId: "roads"), by: Self.specialist)

        await step(en ? "The answer is approved and published on VK as the administration's community with one press"
                      : "Ответ согласован и одной кнопкой опубликован во VK от имени сообщества администрации")
        try await writeDraft(s, lights, .final, "Светофор на ул. Гагарина, 12 отремонтирован 1 декабря. Спасибо, что сообщили!")
        try await s.pressAndWait(.approve(caseId: lights, version: 1), by: Self.specialist)
        try check(await s.chat(Self.specialist).last { $0.has(.markPublished(caseId: lights)) }?
                    .has(.publishToVK(caseId: lights, version: 1, withoutLinks: false)) == true, "«Опубликовать в VK» is offered")
        try await s.pressAndWait(.publishToVK(caseId: lights, version: 1, withoutLinks: false), by: Self.specialist)
        let published = try await s.waitForCase(lights) { $0.status == .closed }
        let thread = await vk.comments(ownerId: -community, postId: post)
        try check(thread.count == 2 && thread[1].fromId == -vk.config.communityId && thread[1].replyToComment == comment,
                  "the answer is under the resident's comment, once, as the community")
        say("   VK: \(published.publishedLink ?? "")")
        say("      Иван Петров: \(thread[0].text)")
        say("      ↳ \(vk.config.communityName): \(thread[1].text) [\(thread[1].attachments.count) фото]")
    }

    func writeDraft(_ s: any MessengerStage, _ caseId: Int64, _ kind: DraftKind, _ text: String) async throws {
        try await s.pressAndWait(.startDraft(caseId: caseId, kind: kind), by: Self.roads)
        let before = await s.chat(Self.roads).count
        try await s.send(text, from: Self.roads)
        try await s.sendPhoto(from: Self.roads)
        let preview = try await s.settleChat(Self.roads, after: before)
        try check(preview.has(.sendDraft(caseId: caseId)), "the executor sees a preview with «send for approval»")
        try await s.pressAndWait(.sendDraft(caseId: caseId), by: Self.roads)
    }

    func caseId(_ card: ChatMessage) throws -> Int64 {
        guard let id = card.action(where: { $0.caseId != nil })?.caseId else {
            throw Stage.Failure("the bot answered without a case card: \(card.text ?? "")")
        }
        return id
    }
}
