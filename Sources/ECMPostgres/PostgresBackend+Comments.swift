import ECMDomain
import Logging
import PostgresNIO

extension PostgresBackend {
    public func comments(patientID: Int64, activityID: Int64, page: PageRequest) async throws(BackendError) -> Page<Comment> {
        try page.validate(sizeName: "per_page")
        let logger = logger
        return try await read { connection, user in
            try await Self.requireActivity(connection, patientID: patientID, id: activityID, clinic: user.clinicID, logger: logger)
            let total = try await connection.value(
                Int64.self, "SELECT COUNT(*) FROM comments WHERE activity_id = \(activityID)", logger: logger) ?? 0
            let comments = try await connection.rows(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(PostgresRows.commentColumns) FROM comments c JOIN users u ON u.id = c.user_id
                        WHERE c.activity_id = $1 ORDER BY c.created_at, c.id LIMIT $2 OFFSET $3
                        """,
                    binds: Self.binds(activityID, Int64(page.size), Int64(page.offset))),
                logger: logger
            ).map(PostgresRows.comment)
            return Page(items: comments, pagination: Pagination(page: page.page, perPage: page.size, totalCount: Int(total)))
        }
    }

    public func addComment(patientID: Int64, activityID: Int64, body: String) async throws(BackendError) -> Comment {
        let logger = logger
        return try await write(
            patientID: patientID, audit: { AuditTarget(.create, "comment", patientID: patientID, resourceID: $0.id) }
        ) { connection, author in
            try await Self.requireActivity(connection, patientID: patientID, id: activityID, clinic: author.clinicID, logger: logger)
            let messages = ActivityValidator.commentMessages(body: body)
            if !messages.isEmpty { throw BackendError.validation(messages) }
            let now = Timestamp.now()
            guard let id = try await connection.value(
                Int64.self,
                "INSERT INTO comments (activity_id, user_id, body, created_at) VALUES (\(activityID), \(author.id), \(body), \(now.milliseconds)) RETURNING id",
                logger: logger)
            else { throw BackendError.unavailable(BackendError.serviceUnavailableMessage) }
            try await connection.query(
                "UPDATE activities SET updated_at = GREATEST(updated_at, \(now.milliseconds)), lock_version = lock_version + 1 WHERE id = \(activityID)",
                logger: logger)
            return Comment(id: id, body: body, userID: author.id, userName: author.name, createdAt: now)
        }
    }

    static func requireActivity(
        _ connection: PostgresConnection, patientID: Int64, id: Int64, clinic: Int64, logger: Logger
    ) async throws {
        try await requirePatient(connection, id: patientID, clinic: clinic, logger: logger)
        guard try await connection.exists(
            "SELECT 1 FROM activities WHERE id = \(id) AND patient_id = \(patientID)", logger: logger)
        else { throw BackendError.activityNotFound }
    }
}
