import ECMDomain
import GRDB

extension StoreBackend {
    public func activities(patientID: Int64, query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try query.page.validate()
        return try await read(audit: AuditTarget(.read, "activities", patientID: patientID)) { db, user in
            try Self.requirePatient(db, id: patientID, clinic: user.clinicID)
            return try Self.list(db, scope: .timeline(patientID: patientID), query: query)
        }
    }

    public func queue(_ query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try query.page.validate()
        return try await read(audit: AuditTarget(.read, "activities")) { db, user in
            var query = query
            if query.unassigned {
                query.assignedToID = nil
                return try Self.list(db, scope: .unassigned(clinicID: user.clinicID), query: query)
            }
            let assignee = query.assignedToID ?? user.id
            query.assignedToID = nil
            // Another clinic's user has no queue here, as if there were no such user.
            if assignee != user.id, try Bool.fetchOne(
                db, cached: "SELECT 1 FROM users WHERE id = ? AND clinic_id = ?", arguments: [assignee, user.clinicID]) == nil
            {
                return Page(items: [], pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: 0))
            }
            let scope = ListScope.queue(assigneeID: assignee)
            let failedCount = try Self.failedSendsCount(db, senderID: assignee, query: query)
            let assignedCount = try Self.count(db, scope: scope, query: query)
            // What is new for the user leads the rest of the queue; it is part of its count.
            let newCount = try query.newSince.map { try Self.newCount(db, scope: scope, query: query, since: $0) } ?? 0
            let segments = QueueSegments(
                offset: query.page.offset, size: query.page.size, failedCount: failedCount, newCount: newCount,
                assignedCount: assignedCount - newCount)
            var ids = try Self.failedSendIDs(db, senderID: assignee, query: query, slice: segments.failedSends)
            if let since = query.newSince { ids += try Self.newIDs(db, scope: scope, query: query, since: since, slice: segments.new) }
            ids += try Self.pageIDs(db, scope: scope, query: query, slice: segments.assigned, total: assignedCount - newCount)
            return Page(
                items: try Self.summaries(db, ids: ids),
                pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: failedCount + assignedCount))
        }
    }

    public func activity(patientID: Int64, id: Int64) async throws(BackendError) -> ActivityDetail {
        try await read(audit: AuditTarget(.read, "activity", patientID: patientID, resourceID: id)) { db, user in
            try Self.requirePatient(db, id: patientID, clinic: user.clinicID)
            return try Self.detail(db, patientID: patientID, id: id)
        }
    }

    /// Which activities a list holds, and in which order.
    enum ListScope {
        /// A patient's timeline, newest first.
        case timeline(patientID: Int64)
        /// An assignee's queue across patients, oldest first.
        case queue(assigneeID: Int64)
        /// A clinic's work that nobody can act on (`ActivityListSQL.unassigned`), oldest first.
        case unassigned(clinicID: Int64)

        /// Counted rather than read from the kept counts.
        var isCounted: Bool { if case .unassigned = self { true } else { false } }
        /// Whether `new_since` puts new items first (only a user's queue; other lists ignore it).
        var readsNewFirst: Bool { if case .queue = self { true } else { false } }

        /// The list's own order, when the query names none.
        var order: ListOrder {
            if case .timeline = self { .newest } else { .oldest }
        }
    }

    /// One page of the activities in `scope` matching the query's filters.
    ///
    /// The cost does not grow with the list: the total comes from the counts the triggers of
    /// `v2-list-counts` keep; the page's ids come from an index alone, walked from whichever end
    /// of the list is nearer (the last page of 100,000 rows skips nothing); only the page's own
    /// rows are then read with their names and counts.
    static func list(_ db: Database, scope: ListScope, query: ActivityQuery) throws -> Page<ActivitySummary> {
        let total = try count(db, scope: scope, query: query)
        let slice = QueueSegments.Slice(offset: query.page.offset, count: max(0, min(query.page.size, total - query.page.offset)))
        let ids = try pageIDs(db, scope: scope, query: query, slice: slice, total: total)
        return Page(
            items: try summaries(db, ids: ids), pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
    }

    /// How many items of a queue were given to its user by someone else after `since`.
    static func newCount(_ db: Database, scope: ListScope, query: ActivityQuery, since: Timestamp) throws -> Int {
        let (filter, arguments) = filter(scope: scope, query: query, excludingNewSince: nil)
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM activities a WHERE \(filter) AND \(ActivityListSQL.assignedByAnotherAfter)",
            arguments: arguments + [since.milliseconds]) ?? 0
    }

    /// The ids of `slice` of a queue's new items, latest given first.
    static func newIDs(_ db: Database, scope: ListScope, query: ActivityQuery, since: Timestamp, slice: QueueSegments.Slice) throws -> [Int64] {
        guard slice.count > 0 else { return [] }
        let (filter, arguments) = filter(scope: scope, query: query, excludingNewSince: nil)
        return try Int64.fetchAll(
            db,
            sql: """
                SELECT a.id FROM activities a WHERE \(filter) AND \(ActivityListSQL.assignedByAnotherAfter)
                ORDER BY \(ActivityListSQL.newOrder) LIMIT ? OFFSET ?
                """,
            arguments: arguments + [since.milliseconds, slice.count, slice.offset])
    }

    /// The ids of `slice` of the list, `total` long, from its index, walked from the nearer end.
    static func pageIDs(_ db: Database, scope: ListScope, query: ActivityQuery, slice: QueueSegments.Slice, total: Int) throws -> [Int64] {
        guard slice.count > 0 else { return [] }
        let (filter, arguments) = filter(scope: scope, query: query)
        let order = query.order ?? scope.order
        let after = total - slice.offset - slice.count
        if after < slice.offset {
            return try Int64.fetchAll(
                db, cached: pageIDsSQL(filter: filter, order: order, reversed: true), arguments: arguments + [slice.count, after]
            ).reversed()
        }
        return try Int64.fetchAll(
            db, cached: pageIDsSQL(filter: filter, order: order, reversed: false), arguments: arguments + [slice.count, slice.offset])
    }

    /// A page's ids in `order`, from the list's nearer end: `?` the limit and the offset after
    /// the filter's.
    static func pageIDsSQL(filter: String, order: ListOrder, reversed: Bool) -> String {
        "SELECT a.id FROM activities a WHERE \(filter) ORDER BY \(ActivityListSQL.orderBy(order, reversed: reversed)) LIMIT ? OFFSET ?"
    }

    /// The `WHERE` of a list: its scope and the query's filters, `a` the activity; in a queue
    /// read new items first, the rest leaves out what is new (it is read before).
    static func filter(scope: ListScope, query: ActivityQuery) -> (sql: String, arguments: StatementArguments) {
        filter(scope: scope, query: query, excludingNewSince: scope.readsNewFirst ? query.newSince : nil)
    }

    static func filter(scope: ListScope, query: ActivityQuery, excludingNewSince: Timestamp?) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String]
        var arguments: StatementArguments
        switch scope {
        case .timeline(let patientID): (conditions, arguments) = (["a.patient_id = ?"], [patientID])
        case .queue(let assigneeID): (conditions, arguments) = (["a.assigned_to_id = ?"], [assigneeID])
        case .unassigned(let clinicID): (conditions, arguments) = ([ActivityListSQL.unassigned], [clinicID, clinicID])
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
        let counted = ActivityListSQL.countedConditions(query, now: .now())
        conditions += counted.conditions
        arguments += StatementArguments(counted.values)
        if let since = excludingNewSince {
            conditions.append("NOT \(ActivityListSQL.assignedByAnotherAfter)")
            arguments += [since.milliseconds]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// The list items of `ids`, in that order.
    static func summaries(_ db: Database, ids: [Int64]) throws -> [ActivitySummary] {
        guard !ids.isEmpty else { return [] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        let rows = try Row.fetchAll(
            db,
            cached: """
                SELECT \(ActivitySQL.summaryColumns) FROM activities a \(ActivitySQL.joins)
                WHERE a.id IN (SELECT value FROM json_each(?))
                """,
            arguments: [list], as: ActivitySQL.summary)
        let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// How many failed emails of `senderID` begin the sender's queue (`QueueSegments`).
    static func failedSendsCount(_ db: Database, senderID: Int64, query: ActivityQuery) throws -> Int {
        guard QueueSegments.includesFailedSends(query) else { return 0 }
        return try Int.fetchOne(
            db, cached: "SELECT COUNT(*) FROM activities a WHERE \(QueueSegments.failedSendsCondition(query))",
            arguments: [senderID, senderID]) ?? 0
    }

    static func failedSendIDs(_ db: Database, senderID: Int64, query: ActivityQuery, slice: QueueSegments.Slice) throws -> [Int64] {
        guard slice.count > 0 else { return [] }
        return try Int64.fetchAll(
            db,
            cached: """
                SELECT a.id FROM activities a WHERE \(QueueSegments.failedSendsCondition(query))
                ORDER BY \(QueueSegments.failedSendsOrder) LIMIT ? OFFSET ?
                """,
            arguments: [senderID, senderID, slice.count, slice.offset])
    }

    /// How many activities a list holds, from the counts kept per patient and per assignee
    /// (counted, for a due filter: the due time moves with the clock).
    static func count(_ db: Database, scope: ListScope, query: ActivityQuery) throws -> Int {
        if query.hasCountedFilter || scope.isCounted {
            let (filter, arguments) = filter(scope: scope, query: query, excludingNewSince: nil)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM activities a WHERE \(filter)", arguments: arguments) ?? 0
        }
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
        case .unassigned:
            return 0  // counted above
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
