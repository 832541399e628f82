import ECMDomain
import GRDB

extension StoreBackend {
    public func activities(patientID: Int64, query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try Self.validate(query)
        return try await read { db, _ in
            try Self.requirePatient(db, id: patientID)
            return try Self.list(db, base: ("a.patient_id = ?", [patientID]), query: query, order: "a.occurred_at DESC, a.id DESC")
        }
    }

    public func queue(_ query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try Self.validate(query)
        return try await read { db, user in
            let assignee = query.assignedToID ?? user.id
            var query = query
            query.assignedToID = nil
            return try Self.list(db, base: ("a.assigned_to_id = ?", [assignee]), query: query, order: "a.occurred_at ASC, a.id ASC")
        }
    }

    public func activity(patientID: Int64, id: Int64) async throws(BackendError) -> ActivityDetail {
        try await read { db, _ in
            try Self.requirePatient(db, id: patientID)
            return try Self.detail(db, patientID: patientID, id: id)
        }
    }

    static func validate(_ query: ActivityQuery) throws(BackendError) {
        let messages = query.page.validationMessages()
        if !messages.isEmpty { throw .validation(messages) }
    }

    /// One page of activities matching `base` and the query's filters, in `order`.
    static func list(
        _ db: Database, base: (String, StatementArguments), query: ActivityQuery, order: String
    ) throws -> Page<ActivitySummary> {
        var conditions = [base.0]
        var arguments = base.1
        if let type = query.activityType {
            conditions.append("a.activity_type = ?")
            arguments += [type.rawValue]
        }
        if let status = query.status {
            conditions.append("a.status = ?")
            arguments += [status.rawValue]
        }
        if let assignee = query.assignedToID {
            conditions.append("a.assigned_to_id = ?")
            arguments += [assignee]
        }
        let filter = conditions.joined(separator: " AND ")
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activities a WHERE \(filter)", arguments: arguments) ?? 0
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT \(ActivitySQL.summaryColumns) FROM activities a \(ActivitySQL.joins)
                WHERE \(filter) ORDER BY \(order) LIMIT ? OFFSET ?
                """,
            arguments: arguments + [query.page.size, query.page.offset])
        return Page(
            items: try rows.map(ActivitySQL.summary),
            pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
    }

    /// The detail of an activity of this patient, with comments, subtasks and event.
    static func detail(_ db: Database, patientID: Int64, id: Int64) throws -> ActivityDetail {
        guard let row = try Row.fetchOne(
            db,
            sql: """
                SELECT \(ActivitySQL.detailColumns) FROM activities a \(ActivitySQL.joins)
                WHERE a.id = ? AND a.patient_id = ?
                """,
            arguments: [id, patientID])
        else { throw BackendError.activityNotFound }
        var detail = try ActivitySQL.detail(row)
        detail.comments = try Row.fetchAll(
            db,
            sql: """
                SELECT c.id, c.body, c.user_id, u.name AS user_name, c.created_at
                FROM comments c JOIN users u ON u.id = c.user_id
                WHERE c.activity_id = ? ORDER BY c.created_at, c.id
                """,
            arguments: [id]
        ).map(ActivitySQL.comment)
        detail.subtasks = try Row.fetchAll(
            db,
            sql: """
                SELECT \(ActivitySQL.summaryColumns) FROM activities a \(ActivitySQL.joins)
                WHERE a.parent_id = ? ORDER BY a.occurred_at, a.id
                """,
            arguments: [id]
        ).map(ActivitySQL.summary)
        detail.event = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE activity_id = ?", arguments: [id])
            .map(ActivitySQL.event)
        return detail
    }
}
