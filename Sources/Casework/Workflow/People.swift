/// What a person may do. One person can hold several roles.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    case specialist
    case executor
    case head
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The person acting, as the store knows them when the input is handled (never as a button claims).
public struct Actor: Sendable, Equatable, Hashable {
    public var personId: Int64
    public var roles: Set<Role>
    /// The department of an executor.
    public var departmentId: String?

    public init(personId: Int64, roles: Set<Role>, departmentId: String? = nil) {
        self.personId = personId
        self.roles = roles
        self.departmentId = departmentId
    }

    public static let system = Actor(personId: 0, roles: [])

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    /// An executor of `department`.
    public func executes(_ department: String?) -> Bool {
        has(.executor) && department != nil && departmentId == department
    }
}
