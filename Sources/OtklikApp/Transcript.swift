import BotAPI
import Casework
import MaxAPI
import MaxSandbox
import Foundation
import Sandbox
import Settings

/// Each person's chat as they saw it at the end: their messages, the bot's (edited ones in their
/// final form), and the buttons under them.
enum Transcript {
    static func render(_ stage: Stage, people: [StaffSettings.PersonEntry], english: Bool) async -> String {
        var out: [String] = []
        let zone = stage.config.zone.timeZone
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.dateFormat = "dd.MM HH:mm"
        for person in people {
            guard let telegramId = person.telegramId else { continue }
            let roles = person.roles.sorted().map(\.rawValue).joined(separator: ", ")
            out.append("")
            out.append("══════ \(person.name) (\(roles)) ══════")
            let sent = Dictionary(uniqueKeysWithValues: await stage.sandbox.sentMessages(in: telegramId).map { ($0.messageId, $0) })
            for message in await stage.sandbox.chatHistory(telegramId) {
                let time = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(message.date)))
                let fromBot = message.from?.isBot ?? false
                let current = fromBot ? (sent[message.messageId]?.message ?? message) : message
                let who = fromBot ? (english ? "Bot" : "Бот") : person.name
                var body = describe(current, english: english)
                if fromBot, sent[message.messageId]?.isEdited == true { body += english ? " (edited)" : " (изменено)" }
                let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
                out.append("[\(time)] \(who): \(lines.first ?? "")")
                out += lines.dropFirst().map { "        " + $0 }
                for row in current.replyMarkup?.inlineKeyboard ?? [] {
                    out.append("        " + row.map { "[ \($0.text) ]" }.joined(separator: " "))
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func describe(_ m: BotAPI.Message, english: Bool) -> String {
        var parts: [String] = []
        if m.forwardOrigin != nil { parts.append(english ? "↪ forwarded:" : "↪ переслано:") }
        if m.photo != nil { parts.append(english ? "[photo]" : "[фото]") }
        if m.video != nil { parts.append(english ? "[video]" : "[видео]") }
        if let d = m.document { parts.append("[\(d.fileName ?? "file")]") }
        if let text = m.text ?? m.caption { parts.append(text) }
        return parts.joined(separator: " ")
    }
}

extension Transcript {
    /// The same on MAX: the dialog's messages, the bot's in their final form, with their buttons.
    static func render(_ stage: MaxStage, people: [StaffSettings.PersonEntry], english: Bool) async -> String {
        var out: [String] = []
        let formatter = DateFormatter()
        formatter.timeZone = stage.config.zone.timeZone
        formatter.dateFormat = "dd.MM HH:mm"
        for person in people {
            guard let maxId = person.maxId else { continue }
            let roles = person.roles.sorted().map(\.rawValue).joined(separator: ", ")
            out.append("")
            out.append("══════ \(person.name) (\(roles)) ══════")
            for (fromBot, sent) in await stage.sandbox.chatHistory(with: maxId) {
                let time = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(sent.message.timestamp / 1000)))
                let who = fromBot ? (english ? "Bot" : "Бот") : person.name
                var body = describe(sent.message, english: english)
                if fromBot, sent.isEdited { body += english ? " (edited)" : " (изменено)" }
                let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
                out.append("[\(time)] \(who): \(lines.first ?? "")")
                out += lines.dropFirst().map { "        " + $0 }
                for row in sent.buttons {
                    out.append("        " + row.map { "[ \($0.text) ]" }.joined(separator: " "))
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func describe(_ m: MaxAPI.Message, english: Bool) -> String {
        var parts: [String] = []
        if m.link?.type == .forward { parts.append(english ? "↪ forwarded:" : "↪ переслано:") }
        let body = m.content
        for attachment in body?.attachments ?? [] {
            switch attachment {
            case .image: parts.append(english ? "[photo]" : "[фото]")
            case .video: parts.append(english ? "[video]" : "[видео]")
            case let .file(_, filename, _): parts.append("[\(filename ?? "file")]")
            default: break
            }
        }
        if let text = body?.text, !text.isEmpty { parts.append(text) }
        return parts.joined(separator: " ")
    }
}
