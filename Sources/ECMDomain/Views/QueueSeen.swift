/// When a user last looked at their queue (extension `/v1/clinic/queue_seen`): what is new for
/// them is what someone else gave them since (`ActivityQuery.assignedAfter`, `newSince`).
public struct QueueSeen: Hashable, Sendable {
    /// Nil until they first look.
    public var seenAt: Timestamp?
    /// When they looked before, answered when looking now: what is new this time.
    public var previousSeenAt: Timestamp?

    public init(seenAt: Timestamp?, previousSeenAt: Timestamp? = nil) {
        self.seenAt = seenAt
        self.previousSeenAt = previousSeenAt
    }
}

extension QueueSeen: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("seen_at", seenAt)
            writer.member("previous_seen_at", previousSeenAt)
        }
    }
}

/// `{"queue_seen": {"seen_at": …, "previous_seen_at": …}}`.
public struct QueueSeenBody: JSONWritable, Decodable, Sendable, Equatable {
    public let seen: QueueSeen
    public init(_ seen: QueueSeen) { self.seen = seen }

    enum CodingKeys: String, CodingKey { case queueSeen = "queue_seen" }
    enum SeenKeys: String, CodingKey {
        case seenAt = "seen_at"
        case previousSeenAt = "previous_seen_at"
    }

    public init(from decoder: any Decoder) throws {
        let seen = try decoder.container(keyedBy: CodingKeys.self).nestedContainer(keyedBy: SeenKeys.self, forKey: .queueSeen)
        self.seen = QueueSeen(
            seenAt: try seen.decodeIfPresent(Timestamp.self, forKey: .seenAt),
            previousSeenAt: try seen.decodeIfPresent(Timestamp.self, forKey: .previousSeenAt))
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("queue_seen", seen)
        }
    }
}

/// The SQL both stores keep it with, `?` bound in order.
public enum QueueSeenSQL {
    /// `?` the user.
    public static let read = "SELECT seen_at FROM queue_seen WHERE user_id = ?"
    /// `?` the user, `?` now.
    public static let look = """
        INSERT INTO queue_seen (user_id, seen_at) VALUES (?, ?)
        ON CONFLICT (user_id) DO UPDATE SET seen_at = excluded.seen_at
        """
}
