/// A member of the care team: the acting user, an assignee, a comment's author.
public struct User: Hashable, Codable, Sendable, Identifiable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }
}

/// An ECM patient. `open_activities_count` and `last_activity_at` are derived by the backend.
public struct Patient: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var name: String
    public var dateOfBirth: CivilDate?
    public var openActivitiesCount: Int
    public var lastActivityAt: Timestamp?

    public init(
        id: Int64, name: String, dateOfBirth: CivilDate? = nil, openActivitiesCount: Int = 0,
        lastActivityAt: Timestamp? = nil
    ) {
        self.id = id
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.openActivitiesCount = openActivitiesCount
        self.lastActivityAt = lastActivityAt
    }
}

extension Patient: Codable {
    enum CodingKeys: String, CodingKey {
        case id, name
        case dateOfBirth = "date_of_birth"
        case openActivitiesCount = "open_activities_count"
        case lastActivityAt = "last_activity_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(dateOfBirth, forKey: .dateOfBirth)
        try c.encode(openActivitiesCount, forKey: .openActivitiesCount)
        try c.encode(lastActivityAt, forKey: .lastActivityAt)
    }
}
