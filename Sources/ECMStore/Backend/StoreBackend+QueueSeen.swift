import ECMDomain
import GRDB

/// When each user last looked at their queue (extension `/v1/clinic/queue_seen`). It holds no
/// member's record, so looking is not audited.
extension StoreBackend {
    public func queueSeen() async throws(BackendError) -> QueueSeen {
        try await read { db, user in
            QueueSeen(seenAt: try Int64.fetchOne(db, cached: QueueSeenSQL.read, arguments: [user.id]).map(Timestamp.init(milliseconds:)))
        }
    }

    public func markQueueSeen() async throws(BackendError) -> QueueSeen {
        let id = actingUserID
        return try await database.write { db in
            let user = try Self.actingUser(db, id)
            let previous = try Int64.fetchOne(db, cached: QueueSeenSQL.read, arguments: [user.id]).map(Timestamp.init(milliseconds:))
            let now = Timestamp.now()
            try db.execute(cached: QueueSeenSQL.look, arguments: [user.id, now.milliseconds])
            return QueueSeen(seenAt: now, previousSeenAt: previous)
        }
    }
}
