import Casework
import Foundation
import Messaging

/// A messenger's client that first fetches the files its requests relay from other messengers (a
/// photo a person sent on Telegram, shown to a colleague on MAX): a file id means nothing to another
/// messenger, so the bytes go across. Requests with nothing to fetch pass straight through.
public struct MediaRelay: MessengerClient {
    let client: any MessengerClient
    let fetchers: [Messenger: any MediaFetching]
    public var messenger: Messenger { client.messenger }

    public init(_ client: any MessengerClient, fetchers: [any MediaFetching]) {
        self.client = client
        self.fetchers = Dictionary(fetchers.map { ($0.messenger, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func send(_ request: WireRequest) async throws(DeliveryFailure) -> [Int64] {
        guard request.files.contains(where: { $0.fetchFrom != nil }) else { return try await client.send(request) }
        var filled = request
        for index in filled.files.indices {
            guard let media = filled.files[index].fetchFrom else { continue }
            guard let fetcher = fetchers[media.messenger] else {
                throw DeliveryFailure(.refused, description: "a \(media.kind.rawValue) held by \(media.messenger.rawValue), which this service does not run")
            }
            let file = try await fetcher.fetch(media)
            guard file.data.count <= RelayLimits.maxBytes else {
                throw DeliveryFailure(.refused, description: "a \(media.kind.rawValue) of \(file.data.count) bytes is larger than the \(RelayLimits.maxBytes) relayed between messengers")
            }
            filled.files[index].data = file.data
            if let name = file.filename, !name.isEmpty { filled.files[index].filename = name }
            if let type = file.mimeType, !type.isEmpty { filled.files[index].mimeType = type }
            filled.files[index].fetchFrom = nil
        }
        return try await client.send(filled)
    }
}
