import BotAPI
import Casework
import Conversation
import Engine
import Foundation
import Messaging
import OtklikApp
import Sandbox
@testable import Store
import Testing

/// Reports in chat and as files, on Telegram and on MAX alike.
@Suite(.serialized) struct ReportsChatTests {
    typealias H = BotHarness

    @Test(arguments: Messenger.allCases) func theHeadGetsTheWeekInChatAndAsAWorkbook(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let card = try await h.forwardPost("Яма на дороге у дома 9 по ул. Мира", photos: 0, from: H.specialist)
            let id = try #require(card.action { $0.caseId != nil }?.caseId)
            try await h.pressAndWait(.route(caseId: id, departmentId: "roads"), by: H.specialist)
            h.clock.advance(by: 26 * 3600)
            try await h.waitForStore()

            try await h.say("/report", from: H.head)
            let report = try #require(await h.chat(H.head).last)
            #expect(report.hasMonospace, "a monospace table")
            // Above the text, the chart: a picture, in PNG, drawn from the same figures.
            let messages = await h.chat(H.head)
            let picture = try #require(await h.attachedFile(H.head, message: messages[messages.count - 2].id))
            #expect(picture.data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) && picture.data.count > 10_000)
            #expect(report.has(.showCase(caseId: id)), "the worst overdue case is one tap away")

            try await h.say("/export", from: H.head)
            let workbook = try #require(await h.chat(H.head).last)
            let file = try #require(await h.attachedFile(H.head, message: workbook.id))
            #expect(file.name.hasSuffix(".xlsx"))
            #expect(file.data.prefix(2) == Data("PK".utf8))

            try await h.say("/export csv", from: H.head)
            let csv = try #require(await h.chat(H.head).last)
            let csvBytes = try #require(await h.attachedFile(H.head, message: csv.id)?.data)
            #expect(csvBytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "UTF-8 with BOM for Excel")
            #expect(String(decoding: csvBytes, as: UTF8.self).contains(";"))

            // A period that does not parse gets the usage, not an error.
            let before = await h.chat(H.head).count
            try await h.say("/report позавчера", from: H.head)
            #expect(await h.chat(H.head).count == before + 1)
        }
    }

    @Test(arguments: Messenger.allCases) func anExecutorSeesOnlyTheirDepartment(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            for (text, department) in [("Яма на дороге у дома 1", "roads"), ("Не вывозят мусор во дворе дома 2", "housing")] {
                let card = try await h.forwardPost(text, photos: 0, from: H.specialist)
                let id = try #require(card.action { $0.caseId != nil }?.caseId)
                try await h.pressAndWait(.route(caseId: id, departmentId: department), by: H.specialist)
            }
            try await h.say("/report", from: H.roads)
            let text = try #require(await h.chat(H.roads).last?.text)
            #expect(text.contains("дорожному") || text.contains("Дорог"))
            #expect(!text.contains("ЖКХ"))
        }
    }

    @Test(arguments: Messenger.allCases) func theWeeklyReportArrivesOnTheFirstWorkingDayOfTheWeek(_ messenger: Messenger) async throws {
        try await withStage(on: messenger) { h in
            let before = await h.chat(H.head).count
            // From Monday 10:00 to the next Monday 09:05 (2026-12-07).
            try await h.advance(to: H.start.addingTimeInterval(7 * 86400 - 55 * 60))
            let texts = await h.chat(H.head).dropFirst(before).compactMap { $0.text?.replacingOccurrences(of: "\u{00A0}", with: " ") }
            #expect(texts.contains { $0.hasPrefix("Отчёт за 30 нояб. – 6 дек. 2026") }, "the weekly report for the week just ended")
            #expect(texts.contains { $0.hasPrefix("Отчёт за 1–30 нояб. 2026") }, "the monthly report on December's first working day")
            // Each with its chart above it.
            var pictures = 0
            for message in await h.chat(H.head).dropFirst(before) where message.text?.isEmpty ?? true {
                if let file = await h.attachedFile(H.head, message: message.id), file.data.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) { pictures += 1 }
            }
            #expect(pictures == 2, "a chart with the weekly and with the monthly report")
        }
    }
}
