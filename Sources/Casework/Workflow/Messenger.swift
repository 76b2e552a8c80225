/// The messengers Otklik speaks. Everything above the adapters knows a person only by an address, and a
/// photo or video by the messenger that holds it; which messenger it is matters to the adapters, nothing else.
public enum Messenger: String, Sendable, Hashable, Codable, CaseIterable {
    case telegram
    case max
}
