/// A request the sandbox answered, as an observer sees it the moment it is recorded.
public struct AnsweredRequest: Sendable, Hashable {
    /// The Bot API method as the bot spelled it.
    public var method: String
    /// The `chat_id` parameter, when it is a number.
    public var chatId: Int64?
    /// 200, or the refusal's code (429 for flood limits).
    public var status: Int
}

extension Sandbox {
    /// Calls `observer` on the sandbox's executor for every answered request, in order. Benchmarks
    /// time replies with it: conditions (`waitUntil`) snapshot every chat and cost too much per request.
    public func setRequestObserver(_ observer: (@Sendable (AnsweredRequest) -> Void)?) {
        requestObserver = observer
    }
}
