import Messaging

/// The Bot API as the sender's `MessengerClient`: Telegram's answers in the sender's terms.
public struct BotAPIDelivery: MessengerClient {
    public let api: any BotAPIClient
    public var messenger: Messenger { .telegram }

    public init(_ api: any BotAPIClient) { self.api = api }

    public func send(_ request: WireRequest) async throws(DeliveryFailure) -> [Int64] {
        do throws(BotAPIError) {
            return try await api.send(request)
        } catch {
            throw error.delivery
        }
    }
}

extension BotAPIError {
    /// How the sender treats it: 429, 5xx and network trouble pass; 403 means the person blocked the
    /// bot (or never started it); every other refusal is final.
    public var delivery: DeliveryFailure {
        if isTransient { return DeliveryFailure(.transient, code: code, retryAfter: retryAfter, description: description) }
        return DeliveryFailure(code == 403 ? .recipientGone : .refused, code: code, description: description)
    }
}
