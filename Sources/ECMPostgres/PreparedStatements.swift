import ECMDomain
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
        static let sql = SignInSQL.tokenLookup.replacingOccurrences(of: "?", with: "$1")
        let hash: Data
        func makeBindings() throws -> PostgresBindings { try binding(hash) }
    }

    /// A user by id.
    struct UserByID: PreparedRows {
        static let sql = "SELECT id, name, clinic_id FROM users WHERE id = $1"
        let id: Int64
        func makeBindings() throws -> PostgresBindings { try binding(id) }
    }

    /// Whether a patient of the clinic exists.
    struct PatientExists: PreparedRows {
        static let sql = "SELECT 1 FROM patients WHERE id = $1 AND clinic_id = $2"
        let id: Int64
        let clinic: Int64
        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            bindings.append(clinic)
            return bindings
        }
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
    /// The first page of a patient's unfiltered timeline in one round trip, one snapshot: the
    /// page's rows (the summary columns), each followed by whether the patient exists and the
    /// timeline's total. A patient with no activities (or none at all) answers one row whose
    /// summary columns are NULL.
    struct FirstTimelinePage: PreparedRows {
        static let sql = """
            SELECT \(PostgresRows.summaryColumns), x.found, x.total
            FROM (SELECT EXISTS (SELECT 1 FROM patients WHERE id = $1 AND clinic_id = $3) AS found,
                         (SELECT COALESCE(SUM(n), 0)::bigint FROM timeline_counts WHERE patient_id = $1) AS total) AS x
            LEFT JOIN (activities a \(PostgresRows.joins))
              ON a.id = ANY(ARRAY(SELECT id FROM activities WHERE patient_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT $2))
            ORDER BY a.occurred_at DESC, a.id DESC
            """
        /// The columns after the summary's: found, total.
        static let foundColumn = PostgresRows.summaryColumnCount
        let patientID: Int64
        let limit: Int64
        let clinic: Int64
        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(patientID)
            bindings.append(limit)
            bindings.append(clinic)
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

extension Prepared {
    /// Takes the transaction's lock on a patient's records (`$1`, `$2`: the two keys) and says
    /// whether the patient (`$3`) exists, in one round trip: the lock is taken first, by the
    /// `FROM` clause.
    struct LockPatient: PreparedRows {
        static let sql = """
            SELECT EXISTS (SELECT 1 FROM patients WHERE id = $3 AND clinic_id = $4) FROM (SELECT pg_advisory_xact_lock($1, $2)) AS locked
            """
        let space: Int32
        let patientID: Int64
        let clinic: Int64
        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(space)
            bindings.append(Int32(truncatingIfNeeded: patientID))
            bindings.append(patientID)
            bindings.append(clinic)
            return bindings
        }
    }

    /// Creates an activity, its event and the patient's `last_activity_at` in one statement,
    /// answering the event's row (whose `activity_id` is the new activity's id).
    struct CreateActivity: PreparedRows {
        /// The assignee's binding: given to them now, by the performer.
        private static let assignee = "$\(ActivityField.allCases.firstIndex(of: .assignedToID)! + 4)::BIGINT"
        /// `$1` the patient, `$2` the performer, `$3` now; then the writable fields from the one
        /// field table (`ActivityField`), in its order.
        static let sql = """
            WITH a AS (
              INSERT INTO activities (patient_id, performed_by_id, created_at, updated_at, lock_version, assigned_at, assigned_by_id, \(StoredColumns.activityFieldColumns.joined(separator: ", ")))
              VALUES ($1, $2, $3, $3, 1, CASE WHEN \(assignee) IS NULL THEN NULL ELSE $3 END, CASE WHEN \(assignee) IS NULL THEN NULL ELSE $2 END,
                \(StoredColumns.activityFieldColumns.indices.map { "$\($0 + 4)" }.joined(separator: ", ")))
              RETURNING id, patient_id, activity_type, occurred_at, status, subject, body, duration, outcome
            ), touched AS (
              UPDATE patients SET last_activity_at = GREATEST(last_activity_at, $\(ActivityField.allCases.firstIndex(of: .occurredAt)! + 4)) WHERE id = $1
            )
            INSERT INTO events (activity_id, patient_id, event_type, occurred_at, status, subject, body, duration, outcome)
            SELECT id, patient_id, activity_type, occurred_at, status, subject, body, duration, NULLIF(outcome, '') FROM a
            RETURNING \(PostgresRows.eventColumns)
            """
        let patientID: Int64
        let draft: ActivityDraft
        let occurredAt: Timestamp
        let performedByID: Int64
        let now: Timestamp

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(patientID)
            bindings.append(performedByID)
            bindings.append(now.milliseconds)
            for (field, value) in StoredColumns.activityFieldValues(draft, occurredAt: occurredAt) { bindings.appendField(field, value) }
            return bindings
        }
    }
}

extension PostgresBindings {
    /// A writable field's value, typed as its column is even when NULL.
    mutating func appendField(_ field: ActivityField, _ value: StoredScalar?) {
        if field.storedAsInteger { append(value?.integer) } else { append(value?.text) }
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
