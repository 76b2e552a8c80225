import BotAPI
import Foundation
import Messaging
import Store

/// The store takes requests as an adapter rendered them; tests write Telegram's directly.
extension StoreTransaction {
    @discardableResult
    public func enqueue(_ request: OutboundRequest, caseId: Int64? = nil, purpose: MessagePurpose? = nil, at now: Date) throws -> Int64 {
        try enqueue(try request.wireRequest(), caseId: caseId, purpose: purpose, at: now)
    }
}

extension AppDatabase {
    @discardableResult
    public func enqueue(_ request: OutboundRequest, caseId: Int64? = nil, purpose: MessagePurpose? = nil, at now: Date) async throws -> Int64 {
        try await enqueue(try request.wireRequest(), caseId: caseId, purpose: purpose, at: now)
    }
}
