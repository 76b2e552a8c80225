/// The messengers Otklik speaks. Everything above the adapters knows a person only by an address;
/// which messenger it belongs to matters to the adapter that renders and sends, nothing else.
public enum Messenger: String, Sendable, Hashable, Codable, CaseIterable {
    case telegram
    case max
}
