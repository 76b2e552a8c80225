import Foundation

/// A messenger API call as the outbox keeps it and the sender posts it: the messenger, the method,
/// its parameters' JSON exactly as that messenger takes them, and the files it uploads (named from the
/// parameters, `attach://name` on Telegram). Nothing between the transaction that queued it and the
/// messenger decodes it again.
public struct WireRequest: Sendable, Hashable {
    public var messenger: Messenger
    public var method: String
    /// A JSON object.
    public var parameters: Data
    public var files: [FileUpload]
    /// The chat whose order the request keeps (nil: answers to button presses, which never wait).
    public var chatId: Int64?
    /// Whether Telegram counts it against the flood limits (new messages do; edits and answers do not).
    public var countsAgainstLimits: Bool

    public init(messenger: Messenger, method: String, parameters: Data, files: [FileUpload] = [], chatId: Int64?,
                countsAgainstLimits: Bool) {
        self.messenger = messenger
        self.method = method
        self.parameters = parameters
        self.files = files
        self.chatId = chatId
        self.countsAgainstLimits = countsAgainstLimits
    }
}
