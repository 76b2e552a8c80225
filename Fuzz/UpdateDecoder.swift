// libFuzzer target: a getUpdates answer as the poller decodes it. Any bytes must decode to a batch
// or a clean error, never crash; what decodes must survive the runtime's first look at it.
import BotAPI
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUpdateDecoder(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let body = Data(bytes: bytes, count: count)
    // The bytes as the whole answer (envelopes, error pages), then as the `result` of a good envelope.
    var batches: [UpdateBatch] = []
    if let batch = try? BotWire.decode(UpdateBatch.self, status: 200, body: body) { batches.append(batch) }
    let wrapped = Data(#"{"ok":true,"result":"#.utf8) + body + Data("}".utf8)
    if let batch = try? BotWire.decode(UpdateBatch.self, status: 200, body: wrapped) { batches.append(batch) }
    for update in batches.flatMap(\.updates) { inspect(update) }
    return 0
}

/// What the dispatcher reads from every update, and a round trip through the encoder.
private func inspect(_ update: Update) {
    _ = update.chatId
    _ = update.sender
    switch update.kind {
    case let .message(m), let .editedMessage(m):
        _ = m.linkURLs
        _ = m.replyToMessage?.value.linkURLs
    case let .callbackQuery(q):
        _ = q.message?.message.linkURLs
        _ = q.message?.isAccessible
    case .myChatMember, .unknown:
        break
    }
    guard let encoded = try? BotWire.makeEncoder().encode(update) else {
        fatalError("an update that decoded does not encode: \(update)")
    }
    guard let again = try? BotWire.makeDecoder().decode(Update.self, from: encoded) else {
        fatalError("an encoded update does not decode: \(String(decoding: encoded, as: UTF8.self))")
    }
    precondition(again.updateId == update.updateId, "update_id changed in a round trip")
    if case .unknown = update.kind { return }
    precondition(again == update, "an update changed in a round trip: \(update) → \(again)")
}
