/// The social network or kind of site a post comes from.
public enum Network: String, CaseIterable, Sendable, Codable {
    case vk, ok, facebook, instagram, telegram, max, dzen, other

    /// Whether § 2 of the regulation names the network (OK, Facebook, VK, Instagram); the rest are «other sites».
    public var isNamedInRegulation: Bool {
        switch self {
        case .vk, .ok, .facebook, .instagram: true
        case .telegram, .max, .dzen, .other: false
        }
    }
}
