import ECMDomain
import GRDB

extension StoreBackend {
    public func activities(patientID: Int64, query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try query.page.validate()
        return try await read { db, _ in
            try Self.requirePatient(db, id: patientID)
            return try Self.list(db, scope: .timeline(patientID: patientID), query: query)
        }
    }

    public func queue(_ query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try query.page.validate()
        return try await read { db, user in
            var query = query
            let assignee = query.assignedToID ?? user.id
            query.assignedToID = nil
            return try Self.list(db, scope: .queue(assigneeID: assignee), query: query)
        }
    }

    public func activity(patientID: Int64, id: Int64) async throws(BackendError) -> ActivityDetail {
        try await read { db, _ in
            try Self.requirePatient(db, id: patientID)
            return try Self.detail(db, patientID: patientID, id: id)
        }
    }

    /// Which activities a list holds, and in which order.
    enum ListScope {
        /// A patient's timeline, newest first.
        case timeline(patientID: Int64)
        /// An assignee's queue across patients, oldest first.
        case queue(assigneeID: Int64)
    }

    /// One page of the activities in `scope` matching the query's filters.
    ///
    /// The cost does not grow with the list: the total comes from the counts the triggers of
    /// `v2-list-counts` keep; the page's ids come from an index alone, walked from whichever end
    /// of the list is nearer (the last page of 100,000 rows skips nothing); only the page's own
    /// rows are then read with their names and counts.
    static func list(_ db: Database, scope: ListScope, query: ActivityQuery) throws -> Page<ActivitySummary> {
        var conditions: [String]
        var arguments: StatementArguments
        let forward: String
        let backward: String
        switch scope {
        case .timeline(let patientID):
            (conditions, arguments) = (["a.patient_id = ?"], [patientID])
            (forward, backward) = ("a.occurred_at DESC, a.id DESC", "a.occurred_at ASC, a.id ASC")
        case .queue(let assigneeID):
            (conditions, arguments) = (["a.assigned_to_id = ?"], [assigneeID])
            (forward, backward) = ("a.occurred_at ASC, a.id ASC", "a.occurred_at DESC, a.id DESC")
        }
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
        let total = try count(db, scope: scope, query: query)
        let size = query.page.size
        let offset = query.page.offset
        var ids: [Int64] = []
        if offset < total {
            let count = min(size, total - offset)
            let after = total - offset - count
            if after < offset {
                ids = try Int64.fetchAll(
                    db, cached: "SELECT a.id FROM activities a WHERE \(filter) ORDER BY \(backward) LIMIT ? OFFSET ?",
                    arguments: arguments + [count, after]
                ).reversed()
            } else {
                ids = try Int64.fetchAll(
                    db, cached: "SELECT a.id FROM activities a WHERE \(filter) ORDER BY \(forward) LIMIT ? OFFSET ?",
                    arguments: arguments + [count, offset])
            }
        }
        var items: [ActivitySummary] = []
        if !ids.isEmpty {
            let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
            items = try Row.fetchAll(
                db,
                cached: """
                    SELECT \(ActivitySQL.summaryColumns) FROM activities a \(ActivitySQL.joins)
                    WHERE a.id IN (SELECT value FROM json_each(?)) ORDER BY \(forward)
                    """,
                arguments: [list], as: ActivitySQL.summary)
        }
        return Page(
            items: items, pagination: Pagination(page: query.page.page, perPage: size, totalCount: total))
    }

    /// How many activities a list holds, from the counts kept per patient and per assignee.
    static func count(_ db: Database, scope: ListScope, query: ActivityQuery) throws -> Int {
        var conditions: [String]
        var arguments: StatementArguments
        let table: String
        switch scope {
        case .timeline(let patientID):
            (table, conditions, arguments) = ("timeline_counts", ["patient_id = ?"], [patientID])
            if let assignee = query.assignedToID {
                // Key 0 stands for "nobody", which no filter names: user ids start at 1.
                conditions.append("assignee_key = ? AND assignee_key > 0")
                arguments += [assignee]
            }
        case .queue(let assigneeID):
            (table, conditions, arguments) = ("queue_counts", ["assigned_to_id = ?"], [assigneeID])
        }
        if let type = query.activityType {
            conditions.append("activity_type = ?")
            arguments += [type.rawValue]
        }
        if let status = query.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        let sql = "SELECT IFNULL(SUM(n), 0) FROM \(table) WHERE \(conditions.joined(separator: " AND "))"
        return try Int.fetchOne(db, cached: sql, arguments: arguments) ?? 0
    }

    /// The detail of an activity of this patient, with comments, subtasks and event.
    static func detail(_ db: Database, patientID: Int64, id: Int64) throws -> ActivityDetail {
        guard var detail = try Row.fetchOne(
            db,
            cached: """
                SELECT \(ActivitySQL.detailColumns) FROM activities a \(ActivitySQL.joins)
                WHERE a.id = ? AND a.patient_id = ?
                """,
            arguments: [id, patientID], as: ActivitySQL.detail)
        else { throw BackendError.activityNotFound }
        detail.comments = try Row.fetchAll(
            db,
            cached: """
                SELECT c.id, c.body, c.user_id, u.name AS user_name, c.created_at
                FROM comments c JOIN users u ON u.id = c.user_id
                WHERE c.activity_id = ? ORDER BY c.created_at, c.id
                """,
            arguments: [id], as: ActivitySQL.comment)
        detail.subtasks = try Row.fetchAll(
            db,
            cached: """
                SELECT \(ActivitySQL.summaryColumns) FROM activities a \(ActivitySQL.joins)
                WHERE a.parent_id = ? ORDER BY a.occurred_at, a.id
                """,
            arguments: [id], as: ActivitySQL.summary)
        detail.event = try Row.fetchOne(
            db, cached: "SELECT * FROM events WHERE activity_id = ?", arguments: [id], as: ActivitySQL.event)
        return detail
    }
}
