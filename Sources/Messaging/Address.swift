/// Where a person is reached: a messenger and their id on it (on Telegram and MAX also the id of
/// their private chat with the bot). The bot knows people by its own person id; the store keeps
/// each person's addresses.
public struct Address: Sendable, Hashable, Codable, CustomStringConvertible {
    public var messenger: Messenger
    public var id: Int64

    public init(_ messenger: Messenger, _ id: Int64) {
        self.messenger = messenger
        self.id = id
    }

    public var description: String { "\(messenger.rawValue):\(id)" }
}
