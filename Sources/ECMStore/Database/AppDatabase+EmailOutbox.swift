import ECMDomain
import GRDB

/// The outbox of the SQLite store. A write transaction holds the file's write lock, so a claim
/// (find the due messages, lease them) is one step for every process on the file.
extension AppDatabase: EmailOutboxStore {
    public func claimDueEmails(owner: String, now: Timestamp, leaseUntil: Timestamp, limit: Int) async throws(BackendError) -> [OutboxMessage] {
        try await write { db in
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT activity_id FROM email_outbox
                    WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_expires_at IS NULL OR lease_expires_at <= ?)
                    ORDER BY next_attempt_at, activity_id LIMIT ?
                    """,
                arguments: [now.milliseconds, now.milliseconds, limit])
            guard !ids.isEmpty else { return [] }
            let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
            try db.execute(
                sql: "UPDATE email_outbox SET lease_owner = ?, lease_expires_at = ? WHERE activity_id IN (SELECT value FROM json_each(?))",
                arguments: [owner, leaseUntil.milliseconds, list])
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT o.activity_id, o.message_id, a.email_to, a.subject, a.body, a.email_attachments, o.attempts, o.created_at
                    FROM email_outbox o JOIN activities a ON a.id = o.activity_id
                    WHERE o.activity_id IN (SELECT value FROM json_each(?)) ORDER BY o.next_attempt_at, o.activity_id
                    """,
                arguments: [list]
            ).map { row in
                OutboxMessage(
                    activityID: row[0], messageID: row[1], to: row[2] ?? "", subject: row[3], body: row[4] ?? "",
                    attachments: StoredColumns.attachments(from: row[5]), attempts: row[6],
                    createdAt: Timestamp(milliseconds: row[7]))
            }
        }
    }

    public func recordEmailAttempt(activityID: Int64, owner: String, outcome: EmailAttemptOutcome, at: Timestamp) async throws(BackendError) {
        let change = EmailOutboxSQL.attempt(outcome, at: at)
        try await write { db in
            try db.execute(
                sql: "UPDATE email_outbox SET \(change.assignments) WHERE activity_id = ? AND lease_owner = ?\(change.condition)",
                arguments: Self.arguments(change.values) + [activityID, owner])
        }
    }

    public func releaseEmails(owner: String) async throws(BackendError) {
        try await write { db in
            try db.execute(
                sql: "UPDATE email_outbox SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = ?", arguments: [owner])
        }
    }

    public func nextEmailDue() async throws(BackendError) -> Timestamp? {
        try readNow { db in
            try Int64.fetchOne(db, sql: "SELECT MIN(next_attempt_at) FROM email_outbox WHERE status = 'pending'")
                .map(Timestamp.init(milliseconds:))
        }
    }

    public func emailOutboxSummary() async throws(BackendError) -> EmailOutboxSummary {
        try readNow { db in
            let row = try Row.fetchOne(db, sql: EmailOutboxSQL.summary, arguments: [EmailOutboxSummary.dayBefore(.now())])
            return EmailOutboxSummary(
                pending: row?[0] ?? 0, failed: row?[1] ?? 0, oldestPendingAt: (row?[2] as Int64?).map(Timestamp.init(milliseconds:)),
                sentLastDay: row?[3] ?? 0)
        }
    }

    public func retryEmail(activityID: Int64, at: Timestamp) async throws(BackendError) -> Bool {
        try await write { db in
            try db.execute(sql: EmailOutboxSQL.retry, arguments: [at.milliseconds, at.milliseconds, activityID])
            return db.changesCount > 0
        }
    }

    private static func arguments(_ values: [EmailOutboxSQL.StoredValue]) -> StatementArguments {
        StatementArguments(values.map { value -> any DatabaseValueConvertible in
            switch value {
            case .integer(let number): number
            case .text(let text): text
            }
        })
    }
}
