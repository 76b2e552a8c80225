import BotAPI
import Foundation

extension Sandbox {
    /// Answers one request, unless a fault is scheduled for it.
    func serve(method: String, params: RequestParams) async -> Served {
        if !faults.isEmpty, let fault = takeFault(for: method) {
            switch fault {
            case let .serverError(status, description):
                record(method, params, status: status, description: description)
            case let .htmlErrorPage(status):
                record(method, params, status: status, description: "HTML error page")
            case .malformedJSON:
                record(method, params, status: 200, description: "malformed JSON")
            case let .tooManyRequests(retryAfter):
                record(method, params, status: 429, description: Refusal.tooManyRequests(retryAfter: retryAfter).description)
            case .dropConnection:
                record(method, params, status: 0, description: "connection dropped")
            case .delay, .truncatedJSON, .dropAfterExecuting:
                notifyWaiters() // these run the method; perform records it
            }
            return .fault(fault)
        }
        return .answered(await perform(method: method, params: params))
    }

    /// Runs a Bot API method, records the request and wakes waiters.
    func perform(method: String, params: RequestParams) async -> Outcome {
        let outcome: Outcome
        do {
            outcome = try await dispatch(method.lowercased(), params)
        } catch {
            outcome = .refusal(error)
        }
        if case let .refusal(refusal) = outcome {
            record(method, params, status: refusal.code, description: refusal.description)
        } else {
            record(method, params, status: 200, description: nil)
        }
        return outcome
    }

    private func dispatch(_ method: String, _ p: RequestParams) async throws(Refusal) -> Outcome {
        switch method {
        case "getme": return .value(bot)
        case "getupdates": return try await getUpdates(p)
        case "setwebhook": return try setWebhookMethod(p)
        case "deletewebhook": return deleteWebhookMethod(p)
        case "getwebhookinfo": return .value(JSONValue.object(["url": .string(webhookURL ?? ""),
                                                               "pending_update_count": .number(Double(updates.pendingCount))]))
        case "sendmessage": return .value(try sendMessage(p))
        case "sendphoto": return .value(try sendMedia(p, kind: .photo))
        case "sendvideo": return .value(try sendMedia(p, kind: .video))
        case "senddocument": return .value(try sendMedia(p, kind: .document))
        case "sendmediagroup": return .value(try sendMediaGroup(p))
        case "copymessage": return .value(try copyMessage(p))
        case "editmessagetext": return .value(try editMessageText(p))
        case "editmessagereplymarkup": return .value(try editMessageReplyMarkup(p))
        case "answercallbackquery": return .value(try answerCallbackQuery(p))
        case "setmycommands": return .value(try setMyCommands(p))
        case "getmycommands": return .value(commandsByScope[try commandsKey(p)] ?? [])
        case "deletemycommands":
            commandsByScope[try commandsKey(p)] = nil
            return .value(true)
        case "getfile":
            guard let id = p.string("file_id"), !id.isEmpty else { throw .badRequest("file_id is empty") }
            guard let file = files[id] else { throw .wrongFile }
            return .value(file.file)
        default:
            throw .notFound
        }
    }

    func record(_ method: String, _ params: RequestParams, status: Int, description: String?) {
        log.append(RecordedRequest(method: method, params: params.logValue, status: status, description: description))
        requestObserver?(AnsweredRequest(method: method, chatId: params.string("chat_id").flatMap { Int64($0) },
                                         status: status))
        // Trimmed in big steps so appending stays O(1) amortised.
        if log.count >= 2 * config.requestLogLimit { log.removeFirst(log.count - config.requestLogLimit) }
        notifyWaiters()
    }

    func fileData(atPath path: String) -> Data? { files.data(atPath: path) }
}
