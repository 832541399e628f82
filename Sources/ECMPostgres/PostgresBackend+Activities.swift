import ECMDomain
import Logging
import PostgresNIO

extension PostgresBackend {
    public func activities(patientID: Int64, query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try query.page.validate()
        let logger = logger
        return try await read { connection, user in
            if query.isUnfilteredFirstPage {
                return try await Self.firstTimelinePage(
                    connection, patientID: patientID, clinic: user.clinicID, size: query.page.size, logger: logger)
            }
            try await Self.requirePatient(connection, id: patientID, clinic: user.clinicID, logger: logger)
            return try await Self.list(connection, scope: .timeline(patientID: patientID), query: query, logger: logger)
        }
    }

    /// The page nearly every request asks for, a patient's whole timeline from its newest end,
    /// in one round trip: what `requirePatient` and `list` find in three.
    static func firstTimelinePage(
        _ connection: PostgresConnection, patientID: Int64, clinic: Int64, size: Int, logger: Logger
    ) async throws -> Page<ActivitySummary> {
        let rows = try await connection.rows(Prepared.FirstTimelinePage(patientID: patientID, limit: Int64(size), clinic: clinic), logger: logger)
        let found = Prepared.FirstTimelinePage.foundColumn
        guard let first = rows.first, try first[found].decode(Bool.self) else { throw BackendError.patientNotFound }
        let total = Int(try first[found + 1].decode(Int64.self))
        let items = first[0].bytes == nil ? [] : try rows.map(PostgresRows.summary)
        return Page(items: items, pagination: Pagination(page: 1, perPage: size, totalCount: total))
    }

    public func queue(_ query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try query.page.validate()
        let logger = logger
        // One snapshot: the counts and each segment's page are several statements, and work
        // assigned between them would shift the pages (a row repeated or skipped).
        return try await readSnapshot { connection, user in
            var query = query
            if query.unassigned {
                query.assignedToID = nil
                return try await Self.list(connection, scope: .unassigned(clinicID: user.clinicID), query: query, logger: logger)
            }
            let assignee = query.assignedToID ?? user.id
            query.assignedToID = nil
            // Another clinic's user has no queue here, as if there were no such user.
            if assignee != user.id, try await !connection.exists(
                "SELECT 1 FROM users WHERE id = \(assignee) AND clinic_id = \(user.clinicID)", logger: logger)
            {
                return Page(items: [], pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: 0))
            }
            let scope = ListScope.queue(assigneeID: assignee)
            let failedCount = try await Self.failedSendsCount(connection, senderID: assignee, query: query, logger: logger)
            let assignedCount = try await Self.count(connection, scope: scope, query: query, logger: logger)
            // What is new for the user leads the rest of the queue; it is part of its count.
            var newCount = 0
            if let since = query.newSince { newCount = try await Self.newCount(connection, scope: scope, query: query, since: since, logger: logger) }
            let segments = QueueSegments(
                offset: query.page.offset, size: query.page.size, failedCount: failedCount, newCount: newCount,
                assignedCount: assignedCount - newCount)
            var ids = try await Self.failedSendIDs(connection, senderID: assignee, query: query, slice: segments.failedSends, logger: logger)
            if let since = query.newSince {
                ids += try await Self.newIDs(connection, scope: scope, query: query, since: since, slice: segments.new, logger: logger)
            }
            ids += try await Self.pageIDs(
                connection, scope: scope, query: query, slice: segments.assigned, total: assignedCount - newCount, logger: logger)
            return Page(
                items: try await Self.summaries(connection, ids: ids, logger: logger),
                pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: failedCount + assignedCount))
        }
    }

    public func activity(patientID: Int64, id: Int64) async throws(BackendError) -> ActivityDetail {
        let logger = logger
        return try await read { connection, user in
            try await Self.requirePatient(connection, id: patientID, clinic: user.clinicID, logger: logger)
            return try await Self.detail(connection, patientID: patientID, id: id, logger: logger)
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

    /// One page of the activities in `scope` matching the query's filters: the total from the
    /// counts the triggers keep, the page's ids from an index walked from the nearer end, then
    /// only those rows with their names and counts (as the SQLite store does).
    static func list(_ connection: PostgresConnection, scope: ListScope, query: ActivityQuery, logger: Logger) async throws -> Page<ActivitySummary> {
        let total = try await count(connection, scope: scope, query: query, logger: logger)
        let size = query.page.size
        let offset = query.page.offset
        // The common case, a patient's whole timeline read from its newest end, by prepared statement.
        if case .timeline(let patientID) = scope, query.isUnfiltered,
            offset < total, total - offset - min(size, total - offset) >= offset
        {
            let page = Prepared.TimelinePage(patientID: patientID, limit: Int64(size), offset: Int64(offset))
            let items = try await connection.rows(page, logger: logger).map(PostgresRows.summary)
            return Page(items: items, pagination: Pagination(page: query.page.page, perPage: size, totalCount: total))
        }
        let slice = QueueSegments.Slice(offset: offset, count: max(0, min(size, total - offset)))
        let ids = try await pageIDs(connection, scope: scope, query: query, slice: slice, total: total, logger: logger)
        return Page(
            items: try await summaries(connection, ids: ids, logger: logger),
            pagination: Pagination(page: query.page.page, perPage: size, totalCount: total))
    }

    /// How many items of a queue were given to its user by someone else after `since`.
    static func newCount(
        _ connection: PostgresConnection, scope: ListScope, query: ActivityQuery, since: Timestamp, logger: Logger
    ) async throws -> Int {
        var sql = SQLBuilder()
        let filter = filter(&sql, scope: scope, query: query, excludingNewSince: nil)
        sql.sql = "SELECT COUNT(*) FROM activities a WHERE \(filter) AND \(sql.numbered(ActivityListSQL.assignedByAnotherAfter, since.milliseconds))"
        return Int(try await connection.value(Int64.self, sql.query, logger: logger) ?? 0)
    }

    /// The ids of `slice` of a queue's new items, latest given first.
    static func newIDs(
        _ connection: PostgresConnection, scope: ListScope, query: ActivityQuery, since: Timestamp, slice: QueueSegments.Slice, logger: Logger
    ) async throws -> [Int64] {
        guard slice.count > 0 else { return [] }
        var sql = SQLBuilder()
        let filter = filter(&sql, scope: scope, query: query, excludingNewSince: nil)
        sql.sql = """
            SELECT a.id FROM activities a WHERE \(filter) AND \(sql.numbered(ActivityListSQL.assignedByAnotherAfter, since.milliseconds))
            ORDER BY \(ActivityListSQL.newOrder) LIMIT \(sql.bind(slice.count)) OFFSET \(sql.bind(slice.offset))
            """
        return try await connection.rows(sql.query, logger: logger).map { try $0[0].decode(Int64.self) }
    }

    /// The ids of `slice` of the list, `total` long, from its index, walked from the nearer end.
    static func pageIDs(
        _ connection: PostgresConnection, scope: ListScope, query: ActivityQuery, slice: QueueSegments.Slice, total: Int, logger: Logger
    ) async throws -> [Int64] {
        guard slice.count > 0 else { return [] }
        var ids = SQLBuilder()
        let filter = filter(&ids, scope: scope, query: query)
        let order = query.order ?? scope.order
        let after = total - slice.offset - slice.count
        let fromEnd = after < slice.offset
        ids.sql = """
            SELECT a.id FROM activities a WHERE \(filter)
            ORDER BY \(ActivityListSQL.orderBy(order, reversed: fromEnd)) LIMIT \(ids.bind(slice.count)) OFFSET \(ids.bind(fromEnd ? after : slice.offset))
            """
        let found = try await connection.rows(ids.query, logger: logger).map { try $0[0].decode(Int64.self) }
        return fromEnd ? found.reversed() : found
    }

    /// The `WHERE` of a list, bound into `sql`: its scope and the query's filters, `a` the
    /// activity; in a queue read new items first, the rest leaves out what is new (read before).
    static func filter(_ sql: inout SQLBuilder, scope: ListScope, query: ActivityQuery) -> String {
        filter(&sql, scope: scope, query: query, excludingNewSince: scope.readsNewFirst ? query.newSince : nil)
    }

    static func filter(_ sql: inout SQLBuilder, scope: ListScope, query: ActivityQuery, excludingNewSince: Timestamp?) -> String {
        var conditions: [String]
        switch scope {
        case .timeline(let patientID): conditions = ["a.patient_id = \(sql.bind(patientID))"]
        case .queue(let assigneeID): conditions = ["a.assigned_to_id = \(sql.bind(assigneeID))"]
        case .unassigned(let clinicID): conditions = [sql.numbered(ActivityListSQL.unassigned, clinicID, clinicID)]
        }
        if let type = query.activityType { conditions.append("a.activity_type = \(sql.bind(type.rawValue))") }
        if let status = query.status { conditions.append("a.status = \(sql.bind(status.rawValue))") }
        if let assignee = query.assignedToID { conditions.append("a.assigned_to_id = \(sql.bind(assignee))") }
        let counted = ActivityListSQL.countedConditions(query, now: .now())
        if !counted.conditions.isEmpty { conditions.append(sql.numbered(counted.conditions.joined(separator: " AND "), counted.values)) }
        if let since = excludingNewSince {
            conditions.append("NOT " + sql.numbered(ActivityListSQL.assignedByAnotherAfter, since.milliseconds))
        }
        return conditions.joined(separator: " AND ")
    }

    /// The list items of `ids`, in that order.
    static func summaries(_ connection: PostgresConnection, ids: [Int64], logger: Logger) async throws -> [ActivitySummary] {
        guard !ids.isEmpty else { return [] }
        var rows = SQLBuilder()
        rows.sql = """
            SELECT \(PostgresRows.summaryColumns) FROM activities a \(PostgresRows.joins)
            WHERE a.id = ANY(\(rows.bind(ids)))
            """
        let found = try await connection.rows(rows.query, logger: logger).map(PostgresRows.summary)
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    /// How many failed emails of `senderID` begin the sender's queue (`QueueSegments`).
    static func failedSendsCount(_ connection: PostgresConnection, senderID: Int64, query: ActivityQuery, logger: Logger) async throws -> Int {
        guard QueueSegments.includesFailedSends(query) else { return 0 }
        var sql = SQLBuilder()
        sql.sql = "SELECT COUNT(*) FROM activities a WHERE \(sql.numbered(QueueSegments.failedSendsCondition(query), senderID, senderID))"
        return Int(try await connection.value(Int64.self, sql.query, logger: logger) ?? 0)
    }

    static func failedSendIDs(
        _ connection: PostgresConnection, senderID: Int64, query: ActivityQuery, slice: QueueSegments.Slice, logger: Logger
    ) async throws -> [Int64] {
        guard slice.count > 0 else { return [] }
        var sql = SQLBuilder()
        let condition = sql.numbered(QueueSegments.failedSendsCondition(query), senderID, senderID)
        sql.sql = """
            SELECT a.id FROM activities a WHERE \(condition)
            ORDER BY \(QueueSegments.failedSendsOrder) LIMIT \(sql.bind(slice.count)) OFFSET \(sql.bind(slice.offset))
            """
        return try await connection.rows(sql.query, logger: logger).map { try $0[0].decode(Int64.self) }
    }

    /// How many activities a list holds, from the counts kept per patient and per assignee.
    static func count(_ connection: PostgresConnection, scope: ListScope, query: ActivityQuery, logger: Logger) async throws -> Int {
        if query.hasCountedFilter || scope.isCounted {
            // Counted: the due time moves with the clock, past any count kept.
            var sql = SQLBuilder()
            sql.sql = "SELECT COUNT(*) FROM activities a WHERE \(filter(&sql, scope: scope, query: query, excludingNewSince: nil))"
            return Int(try await connection.value(Int64.self, sql.query, logger: logger) ?? 0)
        }
        if case .timeline(let patientID) = scope, query.isUnfiltered {
            let row = try await connection.rows(Prepared.TimelineCount(patientID: patientID), logger: logger).first
            return Int(try row?[0].decode(Int64.self) ?? 0)
        }
        var sql = SQLBuilder()
        var conditions: [String]
        let table: String
        switch scope {
        case .timeline(let patientID):
            table = "timeline_counts"
            conditions = ["patient_id = \(sql.bind(patientID))"]
            if let assignee = query.assignedToID {
                // Key 0 stands for "nobody", which no filter names: user ids start at 1.
                conditions.append("assignee_key = \(sql.bind(assignee)) AND assignee_key > 0")
            }
        case .queue(let assigneeID):
            table = "queue_counts"
            conditions = ["assigned_to_id = \(sql.bind(assigneeID))"]
        case .unassigned:
            return 0  // counted above
        }
        if let type = query.activityType { conditions.append("activity_type = \(sql.bind(type.rawValue))") }
        if let status = query.status { conditions.append("status = \(sql.bind(status.rawValue))") }
        sql.sql = "SELECT COALESCE(SUM(n), 0)::bigint FROM \(table) WHERE \(conditions.joined(separator: " AND "))"
        return Int(try await connection.value(Int64.self, sql.query, logger: logger) ?? 0)
    }

    /// The detail of an activity of this patient, with comments, subtasks and event.
    static func detail(_ connection: PostgresConnection, patientID: Int64, id: Int64, logger: Logger) async throws -> ActivityDetail {
        guard let row = try await connection.rows(Prepared.ActivityDetailRow(ids: [id, patientID]), logger: logger).first
        else { throw BackendError.activityNotFound }
        var detail = try PostgresRows.detail(row)
        detail.comments = try await connection.rows(Prepared.ActivityComments(ids: [id]), logger: logger).map(PostgresRows.comment)
        detail.subtasks = try await connection.rows(Prepared.Subtasks(ids: [id]), logger: logger).map(PostgresRows.summary)
        detail.event = try await connection.rows(Prepared.ActivityEvent(ids: [id]), logger: logger).first.map(PostgresRows.event)
        return detail
    }
}

extension ActivityQuery {
    /// No type, status or assignee filter: the whole list.
    var isUnfiltered: Bool {
        activityType == nil && status == nil && assignedToID == nil && !hasCountedFilter && (order == nil || order == .newest)
    }
    /// The first page of the whole list, the page nearly every request asks for.
    var isUnfilteredFirstPage: Bool { isUnfiltered && page.page == 1 }
}
