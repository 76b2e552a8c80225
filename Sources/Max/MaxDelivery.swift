import Casework
import Foundation
import MaxAPI
import Messaging
import Store

/// MAX as the sender's `MessengerClient`: the bot's numbers for earlier messages become MAX's ids
/// before a request goes, the ids MAX gives new messages become numbers after, and MAX's refusals
/// become the sender's terms (a stopped bot: the person is gone; 429, 5xx, the network: later).
public struct MaxDelivery: MessengerClient {
    public let client: any MaxAPIClient
    let database: AppDatabase
    public var messenger: Messenger { .max }

    public init(client: any MaxAPIClient, database: AppDatabase) {
        self.client = client
        self.database = database
    }

    public func send(_ request: WireRequest) async throws(DeliveryFailure) -> [Int64] {
        let resolved = try await resolve(request)
        let mids: [String]
        do throws(MaxAPIError) {
            mids = try await client.send(resolved)
        } catch {
            throw error.delivery
        }
        do {
            return try await database.write { db in try mids.map { try db.rememberRemoteMessage($0, of: .max) } }
        } catch {
            // Sent: the ids are lost, not the message (an edit of it later fails and is recorded).
            return []
        }
    }

    /// The request with every `local:<n>` (in the query and the body) replaced by the MAX id of message n.
    func resolve(_ request: WireRequest) async throws(DeliveryFailure) -> WireRequest {
        guard var method = MaxWireRequest(parsing: request.method) else {
            throw DeliveryFailure(.refused, description: "not a MAX request: \(request.method)")
        }
        let body = String(decoding: request.parameters, as: UTF8.self)
        let named = method.query.flatMap { MaxMessageRef.references(in: $0.value).map(\.local) }
            + MaxMessageRef.references(in: body).map(\.local)
        guard !named.isEmpty else { return request }
        let mids: [Int64: String]
        do {
            mids = try await database.read { db in
                try Dictionary(named.compactMap { local in try db.remoteMessageId(local).map { (local, $0) } }, uniquingKeysWith: { a, _ in a })
            }
        } catch {
            throw DeliveryFailure(.transient, description: "reading message ids: \(error)")
        }
        func replaced(_ text: String) throws(DeliveryFailure) -> String {
            var out = text
            for reference in MaxMessageRef.references(in: text).reversed() {
                guard let mid = mids[reference.local] else {
                    throw DeliveryFailure(.refused, description: "message \(reference.local) was never delivered, so MAX has no id for it")
                }
                out.replaceSubrange(reference.range, with: mid)
            }
            return out
        }
        var query: [(name: String, value: String)] = []
        for item in method.query { query.append((item.name, try replaced(item.value))) }
        method.query = query
        var resolved = request
        resolved.method = method.description
        resolved.parameters = Data(try replaced(body).utf8)
        return resolved
    }
}

extension MaxAPIError {
    /// How the sender treats it: 403 on a dialog means the person stopped the bot.
    public var delivery: DeliveryFailure {
        let status: Int? = switch self {
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .notAllowed: 405
        case .badRequest, .attachmentNotReady: 400
        case .tooManyRequests: 429
        case let .server(status): status
        case .network, .cancelled, .decoding, .invalidRequest: nil
        }
        if isTransient {
            // MAX names no wait for a 429; a second lets its 30 requests/s window pass.
            return DeliveryFailure(.transient, code: status, retryAfter: status == 429 ? 1 : nil, description: description)
        }
        return DeliveryFailure(isChatDenied ? .recipientGone : .refused, code: status, description: description)
    }
}

/// MAX's files for another messenger: the bytes at the URL MAX gave with the attachment.
public struct MaxMediaFetcher: MediaFetching {
    public let client: any MaxAPIClient
    public var messenger: Messenger { .max }

    public init(client: any MaxAPIClient) { self.client = client }

    public func fetch(_ media: MediaRef) async throws(DeliveryFailure) -> FetchedFile {
        guard let url = media.url ?? (media.fileId.hasPrefix("http") ? media.fileId : nil) else {
            throw DeliveryFailure(.refused, description: "MAX gave no URL for this \(media.kind.rawValue), so it cannot be fetched")
        }
        do throws(MaxAPIError) {
            return FetchedFile(data: try await client.download(url: url))
        } catch {
            throw error.delivery
        }
    }
}
