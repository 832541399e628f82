import ECMDomain
import Foundation
import PostgresNIO

/// The outbox of the PostgreSQL store. A claim skips rows another server is claiming at the
/// same moment (`FOR UPDATE SKIP LOCKED`), so several servers never lease one message twice.
extension PostgresStore: EmailOutboxStore {
    public func claimDueEmails(owner: String, now: Timestamp, leaseUntil: Timestamp, limit: Int) async throws(BackendError) -> [OutboxMessage] {
        let logger = logger
        return try await transaction { connection in
            try await connection.rows(
                """
                WITH due AS (
                  SELECT activity_id FROM email_outbox
                  WHERE status = 'pending' AND next_attempt_at <= \(now.milliseconds)
                    AND (lease_expires_at IS NULL OR lease_expires_at <= \(now.milliseconds))
                  ORDER BY next_attempt_at, activity_id LIMIT \(limit)
                  FOR UPDATE SKIP LOCKED
                ), leased AS (
                  UPDATE email_outbox o SET lease_owner = \(owner), lease_expires_at = \(leaseUntil.milliseconds)
                  FROM due WHERE o.activity_id = due.activity_id
                  RETURNING o.activity_id, o.message_id, o.attempts, o.created_at, o.next_attempt_at
                )
                SELECT l.activity_id, l.message_id, a.email_to, a.subject, a.body, a.email_attachments, l.attempts, l.created_at
                FROM leased l JOIN activities a ON a.id = l.activity_id ORDER BY l.next_attempt_at, l.activity_id
                """, logger: logger
            ).map { row in
                OutboxMessage(
                    activityID: try row[0].decode(Int64.self), messageID: try row[1].decode(String.self),
                    to: try row[2].decode(String?.self) ?? "", subject: try row[3].decode(String?.self),
                    body: try row[4].decode(String?.self) ?? "",
                    attachments: StoredColumns.attachments(from: try row[5].decode(String?.self)),
                    attempts: Int(try row[6].decode(Int64.self)), createdAt: Timestamp(milliseconds: try row[7].decode(Int64.self)))
            }
        }
    }

    public func recordEmailAttempt(activityID: Int64, owner: String, outcome: EmailAttemptOutcome, at: Timestamp) async throws(BackendError) {
        let change = EmailOutboxSQL.attempt(outcome, at: at)
        var statement = SQLBuilder()
        var assignments = change.assignments
        for value in change.values {
            let placeholder: String
            switch value {
            case .integer(let number): placeholder = statement.bind(number)
            case .text(let text): placeholder = statement.bind(text)
            }
            assignments = assignments.replacingFirst("?", with: placeholder)
        }
        statement.sql = """
            UPDATE email_outbox SET \(assignments)
            WHERE activity_id = \(statement.bind(activityID)) AND lease_owner = \(statement.bind(owner))\(change.condition)
            """
        let logger = logger
        let query = statement.query
        try await transaction { connection in try await connection.query(query, logger: logger) }
    }

    public func releaseEmails(owner: String) async throws(BackendError) {
        let logger = logger
        try await transaction { connection in
            try await connection.query(
                "UPDATE email_outbox SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = \(owner)", logger: logger)
        }
    }

    public func nextEmailDue() async throws(BackendError) -> Timestamp? {
        let logger = logger
        return try await read { connection in
            try await connection.value(Int64.self, "SELECT MIN(next_attempt_at) FROM email_outbox WHERE status = 'pending'", logger: logger)
                .map(Timestamp.init(milliseconds:))
        }
    }

    public func emailOutboxSummary() async throws(BackendError) -> EmailOutboxSummary {
        let logger = logger
        return try await read { connection in
            var binds = PostgresBindings()
            binds.append(EmailOutboxSummary.dayBefore(.now()))
            let sql = EmailOutboxSQL.summary.replacingFirst("?", with: "$1")
            guard let row = try await connection.row(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger) else {
                return EmailOutboxSummary(pending: 0, failed: 0, oldestPendingAt: nil)
            }
            return EmailOutboxSummary(
                pending: Int(try row[0].decode(Int64.self)), failed: Int(try row[1].decode(Int64.self)),
                oldestPendingAt: try row[2].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
                sentLastDay: Int(try row[3].decode(Int64.self)))
        }
    }

    public func retryEmail(activityID: Int64, at: Timestamp) async throws(BackendError) -> Bool {
        let logger = logger
        return try await transaction { connection in
            try await connection.exists(
                """
                UPDATE email_outbox SET status = 'pending', attempts = 0, next_attempt_at = \(at.milliseconds),
                  updated_at = \(at.milliseconds), lease_owner = NULL, lease_expires_at = NULL
                WHERE activity_id = \(activityID) AND status = 'failed' RETURNING id
                """, logger: logger)
        }
    }
}

extension String {
    /// This string with its first `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
