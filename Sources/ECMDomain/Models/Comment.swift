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

extension Comment: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, body
        case userID = "user_id"
        case userName = "user_name"
        case createdAt = "created_at"
    }
}

extension Comment: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("body", body)
            writer.member("user_id", userID)
            writer.member("user_name", userName)
            writer.member("created_at", createdAt)
        }
    }
}
