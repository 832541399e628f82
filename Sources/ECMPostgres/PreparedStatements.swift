import Foundation
import PostgresNIO

/// The statements nearly every request runs, prepared once per connection and then only bound
/// and executed.
///
/// Sent as unnamed statements, PostgreSQL parsed and planned each one on every request: planning
/// the page of a timeline took 0.9 ms and running it 0.4 ms, and a request's five statements
/// spent more than a millisecond of the database's CPU being planned (BENCHMARKS.md, round 3).
/// These have fixed SQL and equality lookups only, so a plan made once serves every value.
/// Statements whose SQL depends on the filters are still sent unnamed.
protocol PreparedRows: PostgresPreparedStatement where Row == PostgresRow {}

extension PreparedRows {
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// A prepared statement whose parameters are ids, `$1`, `$2`, … in order.
protocol PreparedByIDs: PreparedRows {
    var ids: [Int64] { get }
}

extension PreparedByIDs {
    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings()
        for id in ids { bindings.append(id) }
        return bindings
    }
}

enum Prepared {
    /// The user of an active token, by the token's hash.
    struct TokenUser: PreparedRows {
        static let sql = """
            SELECT t.token_sha256, u.id, u.name FROM api_tokens t JOIN users u ON u.id = t.user_id
            WHERE t.token_sha256 = $1 AND t.revoked_at IS NULL
            """
        let hash: Data
        func makeBindings() throws -> PostgresBindings { try binding(hash) }
    }

    /// A user by id.
    struct UserByID: PreparedRows {
        static let sql = "SELECT id, name FROM users WHERE id = $1"
        let id: Int64
        func makeBindings() throws -> PostgresBindings { try binding(id) }
    }

    /// Whether a patient exists.
    struct PatientExists: PreparedRows {
        static let sql = "SELECT 1 FROM patients WHERE id = $1"
        let id: Int64
        func makeBindings() throws -> PostgresBindings { try binding(id) }
    }

    /// How many activities a patient's timeline holds, from the kept counts.
    struct TimelineCount: PreparedRows {
        static let sql = "SELECT COALESCE(SUM(n), 0)::bigint FROM timeline_counts WHERE patient_id = $1"
        let patientID: Int64
        func makeBindings() throws -> PostgresBindings { try binding(patientID) }
    }

    /// A page of a patient's unfiltered timeline, newest first, counted from the newest end: the
    /// page's ids from the timeline index, then only those rows with their names and counts.
    struct TimelinePage: PreparedRows {
        static let sql = """
            SELECT \(PostgresRows.summaryColumns) FROM activities a \(PostgresRows.joins)
            WHERE a.id = ANY(ARRAY(
              SELECT id FROM activities WHERE patient_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2 OFFSET $3))
            ORDER BY a.occurred_at DESC, a.id DESC
            """
        let patientID: Int64
        let limit: Int64
        let offset: Int64
        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(patientID)
            bindings.append(limit)
            bindings.append(offset)
            return bindings
        }
    }
}

extension Prepared {
    /// An activity of a patient with its names and counts: `$1` the activity, `$2` the patient.
    struct ActivityDetailRow: PreparedByIDs {
        static let sql = "SELECT \(PostgresRows.detailColumns) FROM activities a \(PostgresRows.joins) WHERE a.id = $1 AND a.patient_id = $2"
        let ids: [Int64]
    }

    /// An activity's comments, oldest first.
    struct ActivityComments: PreparedByIDs {
        static let sql = """
            SELECT \(PostgresRows.commentColumns) FROM comments c JOIN users u ON u.id = c.user_id
            WHERE c.activity_id = $1 ORDER BY c.created_at, c.id
            """
        let ids: [Int64]
    }

    /// An activity's subtasks, oldest first.
    struct Subtasks: PreparedByIDs {
        static let sql = """
            SELECT \(PostgresRows.summaryColumns) FROM activities a \(PostgresRows.joins)
            WHERE a.parent_id = $1 ORDER BY a.occurred_at, a.id
            """
        let ids: [Int64]
    }

    /// An activity's event.
    struct ActivityEvent: PreparedByIDs {
        static let sql = "SELECT \(PostgresRows.eventColumns) FROM events WHERE activity_id = $1"
        let ids: [Int64]
    }

    /// Sets a patient's `last_activity_at` to its newest activity's time.
    struct RefreshLastActivity: PreparedByIDs {
        static let sql = """
            UPDATE patients SET last_activity_at = (SELECT MAX(occurred_at) FROM activities WHERE patient_id = $1)
            WHERE id = $1
            """
        let ids: [Int64]
    }
}

private func binding(_ value: some PostgresEncodable) throws -> PostgresBindings {
    var bindings = PostgresBindings()
    try bindings.append(value)
    return bindings
}

extension PostgresConnection {
    /// Every row of a prepared statement, read whole.
    func rows(_ statement: some PreparedRows, logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var rows: [PostgresRandomAccessRow] = []
        for try await row in try await execute(statement, logger: logger) { rows.append(row.makeRandomAccess()) }
        return rows
    }
}
