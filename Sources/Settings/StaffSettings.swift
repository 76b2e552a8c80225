import Casework
import Foundation
import Yams

/// `Config/staff.yaml`: the departments and the first people (the rest join by invitation).
public struct StaffSettings: Sendable, Equatable {
    /// Departments are Casework's `Department`: id, name and routing keyword stems.
    public typealias DepartmentEntry = Department

    /// A person: their Telegram id, their MAX id, or both (they are reached on the one they write from).
    public struct PersonEntry: Sendable, Equatable {
        public var telegramId: Int64?
        public var maxId: Int64?
        public var name: String
        public var roles: Set<Role>
        public var department: String?

        public init(telegramId: Int64?, maxId: Int64? = nil, name: String, roles: Set<Role>, department: String?) {
            self.telegramId = telegramId
            self.maxId = maxId
            self.name = name
            self.roles = roles
            self.department = department
        }
    }

    public var departments: [DepartmentEntry] = []
    public var people: [PersonEntry] = []

    public static func load(_ path: String) throws(ConfigErrors) -> StaffSettings {
        let file: YAMLFile
        do { file = try YAMLFile.load(path) } catch { throw ConfigErrors([error]) }
        return try parse(file)
    }

    public static func parse(_ file: YAMLFile) throws(ConfigErrors) -> StaffSettings {
        let r = YAMLReader(file)
        var staff = StaffSettings()
        let top = r.mapping(file.root, "staff", allowed: ["departments", "people"]) ?? [:]
        var departmentIds: Set<String> = []
        for node in r.sequence(top["departments"], "departments") ?? [] {
            guard let d = r.mapping(node, "a department", allowed: ["id", "name", "keywords"]) else { continue }
            guard let id = r.string(d["id"], "department id", required: true, parent: node),
                  let name = r.string(d["name"], "department name", required: true, parent: node) else { continue }
            // Ids travel in button data (64 bytes at most), so they stay short and plain.
            guard id.count <= 24, id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                r.fail("department id '\(id)' must be up to 24 lowercase Latin letters, digits, _ or -", at: d["id"])
                continue
            }
            guard departmentIds.insert(id).inserted else { r.fail("department id '\(id)' is used twice", at: d["id"]); continue }
            let keywords = (r.strings(d["keywords"], "keywords of \(id)") ?? []).map { $0.lowercased() }
            staff.departments.append(DepartmentEntry(id: id, name: name, keywords: keywords))
        }
        if top["departments"] == nil { r.fail("staff: at least one department is required under 'departments'", at: file.root) }
        var seen: [String: Set<Int64>] = [:]
        for node in r.sequence(top["people"], "people") ?? [] {
            guard let p = r.mapping(node, "a person", allowed: ["telegram_id", "max_id", "name", "roles", "department"]) else { continue }
            guard let name = r.string(p["name"], "name", required: true, parent: node) else { continue }
            // Each id a positive number, listed once per messenger.
            var ids: [String: Int64] = [:]
            for (key, messenger) in [("telegram_id", "Telegram"), ("max_id", "MAX")] {
                guard let text = r.string(p[key], key) else { continue }
                guard let id = Int64(text), id > 0, id < 1 << 52 else {
                    r.fail("\(key) must be a person's numeric \(messenger) id, not '\(text)'", at: p[key])
                    continue
                }
                guard seen[key, default: []].insert(id).inserted else { r.fail("\(key) \(id) is listed twice", at: p[key]); continue }
                ids[key] = id
            }
            if p["telegram_id"] == nil && p["max_id"] == nil {
                r.fail("\(name) needs telegram_id, max_id or both", at: node)
                continue
            }
            guard !ids.isEmpty else { continue }
            var roles: Set<Role> = []
            for roleNode in r.sequence(p["roles"], "roles") ?? [] {
                guard let text = r.string(roleNode, "a role") else { continue }
                if let role = Role(rawValue: text) { roles.insert(role) }
                else { r.fail("unknown role '\(text)' (expected specialist, executor, head or admin)", at: roleNode) }
            }
            if p["roles"] == nil || roles.isEmpty && r.errors.isEmpty { r.fail("\(name) needs at least one role", at: node) }
            let department = r.string(p["department"], "department")
            if let department, !departmentIds.contains(department) {
                r.fail("department '\(department)' is not among the departments above", at: p["department"])
            }
            if roles.contains(.executor) && department == nil {
                r.fail("\(name) is an executor and needs a department", at: node)
            }
            staff.people.append(PersonEntry(telegramId: ids["telegram_id"], maxId: ids["max_id"], name: name, roles: roles,
                                            department: department))
        }
        if !staff.people.contains(where: { $0.roles.contains(.admin) }) {
            r.fail("staff: list at least one person with the admin role, who can then invite the others", at: top["people"] ?? file.root)
        }
        if !r.errors.isEmpty { throw ConfigErrors(r.errors) }
        return staff
    }
}
