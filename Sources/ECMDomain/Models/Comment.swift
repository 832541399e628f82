/// A care coordinator's comment on an activity.
public struct Comment: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var body: String
    public var userID: Int64
    public var userName: String
    public var createdAt: Timestamp

    public init(id: Int64, body: String, userID: Int64, userName: String, createdAt: Timestamp) {
        self.id = id
        self.body = body
        self.userID = userID
        self.userName = userName
        self.createdAt = createdAt
    }
}

extension Comment: Codable {
    enum CodingKeys: String, CodingKey {
        case id, body
        case userID = "user_id"
        case userName = "user_name"
        case createdAt = "created_at"
    }
}
