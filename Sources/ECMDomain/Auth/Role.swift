/// What a user may do: `coordinator` works with the activities API; `admin` also manages users
/// and reads the audit and reports.
public enum Role: String, CaseIterable, Sendable, Hashable, Decodable, JSONWritable {
    case coordinator, admin

    public func writeJSON(to writer: inout JSONWriter) { writer.string(rawValue) }
}

/// A user as sign-in knows them: who they are, how they sign in and what they may do.
public struct Account: Hashable, Sendable, Decodable {
    public var id: Int64
    public var name: String
    public var login: String?
    public var role: Role

    public init(id: Int64, name: String, login: String?, role: Role) {
        self.id = id
        self.name = name
        self.login = login
        self.role = role
    }

    public var user: User { User(id: id, name: name) }
}

extension Account: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("name", name)
            writer.member("login", login)
            writer.member("role", role)
        }
    }
}
