/// A member of the care team: the acting user, an assignee, a comment's author.
public struct User: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var name: String
    /// The clinic the user works for: what they may see and change (not in the API's user
    /// shape; 1, the clinic every store starts with, when not known).
    public var clinicID: Int64

    public init(id: Int64, name: String, clinicID: Int64 = 1) {
        self.id = id
        self.name = name
        self.clinicID = clinicID
    }
}

extension User: Decodable {
    enum CodingKeys: String, CodingKey { case id, name }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try container.decode(Int64.self, forKey: .id), name: try container.decode(String.self, forKey: .name))
    }
}

/// An ECM patient. `open_activities_count` and `last_activity_at` are derived by the backend;
/// the member record (extensions) travels flat beside them.
public struct Patient: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var name: String
    public var dateOfBirth: CivilDate?
    public var openActivitiesCount: Int
    public var lastActivityAt: Timestamp?
    public var member: MemberRecord

    public init(
        id: Int64, name: String, dateOfBirth: CivilDate? = nil, openActivitiesCount: Int = 0,
        lastActivityAt: Timestamp? = nil, member: MemberRecord = MemberRecord()
    ) {
        self.id = id
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.openActivitiesCount = openActivitiesCount
        self.lastActivityAt = lastActivityAt
        self.member = member
    }
}

extension Patient: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, name
        case dateOfBirth = "date_of_birth"
        case openActivitiesCount = "open_activities_count"
        case lastActivityAt = "last_activity_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int64.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            dateOfBirth: try c.decodeIfPresent(CivilDate.self, forKey: .dateOfBirth),
            openActivitiesCount: try c.decode(Int.self, forKey: .openActivitiesCount),
            lastActivityAt: try c.decodeIfPresent(Timestamp.self, forKey: .lastActivityAt),
            member: try MemberRecord(from: decoder))
    }
}

extension Patient: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("name", name)
            writer.member("date_of_birth", dateOfBirth)
            writer.member("open_activities_count", openActivitiesCount)
            writer.member("last_activity_at", lastActivityAt)
            member.writeMembers(to: &writer)
        }
    }
}

extension User: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("name", name)
        }
    }
}
