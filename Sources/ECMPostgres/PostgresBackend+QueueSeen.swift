import ECMDomain
import PostgresNIO

/// When each user last looked at their queue (extension `/v1/clinic/queue_seen`), on
/// `QueueSeenSQL` as the SQLite store keeps it; not audited (it holds no member's record).
extension PostgresBackend {
    public func queueSeen() async throws(BackendError) -> QueueSeen {
        let logger = logger
        return try await read { connection, user in
            QueueSeen(seenAt: try await Self.seenAt(connection, user: user, logger: logger))
        }
    }

    public func markQueueSeen() async throws(BackendError) -> QueueSeen {
        let id = actingUserID
        let known = authenticatedUser
        let logger = logger
        return try await store.transaction { connection in
            let user: User
            if let known { user = known } else { user = try await Self.actingUser(connection, id, logger: logger) }
            let previous = try await Self.seenAt(connection, user: user, logger: logger)
            let now = Timestamp.now()
            try await connection.query(SQLBuilder.query(QueueSeenSQL.look, user.id, now.milliseconds), logger: logger)
            return QueueSeen(seenAt: now, previousSeenAt: previous)
        }
    }

    private static func seenAt(_ connection: PostgresConnection, user: User, logger: Logger) async throws -> Timestamp? {
        try await connection.value(Int64.self, SQLBuilder.query(QueueSeenSQL.read, user.id), logger: logger).map(Timestamp.init(milliseconds:))
    }
}
