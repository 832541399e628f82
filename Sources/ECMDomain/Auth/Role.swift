/// What a user may do: `coordinator` works with the activities API; `admin` also manages users
/// and reads the audit and reports.
public enum Role: String, CaseIterable, Sendable, Hashable, Decodable, JSONWritable {
    case coordinator, admin

    public func writeJSON(to writer: inout JSONWriter) { writer.string(rawValue) }
}

/// A user as sign-in knows them: who they are, how they sign in and what they may do.
public struct Account: Hashable, Sendable {
    public var id: Int64
    public var name: String
    public var login: String?
    public var role: Role
    public var clinicID: Int64

    public init(id: Int64, name: String, login: String?, role: Role, clinicID: Int64 = 1) {
        self.id = id
        self.name = name
        self.login = login
        self.role = role
        self.clinicID = clinicID
    }

    public var user: User { User(id: id, name: name, clinicID: clinicID) }
}

extension Account: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("name", name)
            writer.member("login", login)
            writer.member("role", role)
            writer.member("clinic_id", clinicID)
        }
    }
}

extension Account: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, name, login, role
        case clinicID = "clinic_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try container.decode(Int64.self, forKey: .id), name: try container.decode(String.self, forKey: .name),
            login: try container.decodeIfPresent(String.self, forKey: .login), role: try container.decode(Role.self, forKey: .role),
            clinicID: try container.decodeIfPresent(Int64.self, forKey: .clinicID) ?? 1)
    }
}
