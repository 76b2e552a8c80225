import Casework
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

/// Telegram's files for another messenger: `getFile` names the path, then the bytes are downloaded
/// (Telegram lets bots download files up to 20 MB).
public struct BotAPIMediaFetcher: MediaFetching {
    public let api: any BotAPIClient
    public var messenger: Messenger { .telegram }

    public init(_ api: any BotAPIClient) { self.api = api }

    public func fetch(_ media: MediaRef) async throws(DeliveryFailure) -> FetchedFile {
        do throws(BotAPIError) {
            let file = try await api.call(GetFile(fileId: media.fileId))
            guard let path = file.filePath, !path.isEmpty else {
                throw BotAPIError.api(code: 400, description: "Telegram gave no path for the file (larger than 20 MB?)", parameters: nil)
            }
            let data = try await api.download(filePath: path)
            let name = media.kind == .document ? path.split(separator: "/").last.map(String.init) : nil
            return FetchedFile(data: data, filename: name)
        } catch {
            throw error.delivery
        }
    }
}
