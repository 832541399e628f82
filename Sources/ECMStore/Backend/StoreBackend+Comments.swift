import ECMDomain
import GRDB

extension StoreBackend {
    public func comments(patientID: Int64, activityID: Int64, page: PageRequest) async throws(BackendError) -> Page<Comment> {
        try page.validate(sizeName: "per_page")
        return try await read(audit: AuditTarget(.read, "comments", patientID: patientID, resourceID: activityID)) { db, user in
            try Self.requireActivity(db, patientID: patientID, id: activityID, clinic: user.clinicID)
            let total = try Int.fetchOne(
                db, cached: "SELECT COUNT(*) FROM comments WHERE activity_id = ?", arguments: [activityID]) ?? 0
            let comments = try Row.fetchAll(
                db,
                cached: """
                    SELECT c.id, c.body, c.user_id, u.name AS user_name, c.created_at
                    FROM comments c JOIN users u ON u.id = c.user_id
                    WHERE c.activity_id = ? ORDER BY c.created_at, c.id LIMIT ? OFFSET ?
                    """,
                arguments: [activityID, page.size, page.offset], as: ActivitySQL.comment)
            return Page(
                items: comments,
                pagination: Pagination(page: page.page, perPage: page.size, totalCount: total))
        }
    }

    public func addComment(patientID: Int64, activityID: Int64, body: String) async throws(BackendError) -> Comment {
        return try await write(
            audit: { AuditTarget(.create, "comment", patientID: patientID, resourceID: $0.id) },
            failed: AuditTarget(.create, "comment", patientID: patientID, resourceID: nil)
        ) { db, author in
            try Self.requireActivity(db, patientID: patientID, id: activityID, clinic: author.clinicID)
            let messages = ActivityValidator.commentMessages(body: body)
            if !messages.isEmpty { throw BackendError.validation(messages) }
            let now = Timestamp.now()
            try db.execute(
                cached: "INSERT INTO comments (activity_id, user_id, body, created_at) VALUES (?, ?, ?, ?)",
                arguments: [activityID, author.id, body, now.milliseconds])
            let id = db.lastInsertedRowID
            try db.execute(
                cached: "UPDATE activities SET updated_at = MAX(updated_at, ?), lock_version = lock_version + 1 WHERE id = ?",
                arguments: [now.milliseconds, activityID])
            return Comment(id: id, body: body, userID: author.id, userName: author.name, createdAt: now)
        }
    }

    static func requireActivity(_ db: Database, patientID: Int64, id: Int64, clinic: Int64) throws {
        try requirePatient(db, id: patientID, clinic: clinic)
        guard try Bool.fetchOne(
            db, cached: "SELECT 1 FROM activities WHERE id = ? AND patient_id = ?", arguments: [id, patientID]) != nil
        else { throw BackendError.activityNotFound }
    }
}
