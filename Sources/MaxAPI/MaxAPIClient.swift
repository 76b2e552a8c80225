import Foundation
import Messaging

/// The MAX calls the service makes. The real one is `CurlMaxClient`; the adapter takes any.
public protocol MaxAPIClient: Sendable {
    /// `GET /updates` from `marker` (nil: from MAX's last committed position).
    func updates(marker: Int64?, limit: Int, timeout: Int, types: [String]?) async throws(MaxAPIError) -> UpdateList
    /// Posts an outbox request (uploading its files first); answers the ids of the messages it created.
    func send(_ request: WireRequest) async throws(MaxAPIError) -> [String]
    func subscriptions() async throws(MaxAPIError) -> [Subscription]
    func subscribe(url: String, secret: String?, types: [String]?) async throws(MaxAPIError)
    func unsubscribe(url: String) async throws(MaxAPIError)
    /// The bytes MAX serves at a media URL it gave (`payload.url`: a CDN, which takes no token).
    func download(url: String) async throws(MaxAPIError) -> Data
}
