/// The outbox's SQL that both stores run alike (`?` placeholders; the PostgreSQL store numbers them).
public enum EmailOutboxSQL {
    /// The assignments of an attempt's outcome, their values, and a condition added to the
    /// statement's `WHERE` (a retry or failure of a message cancelled meanwhile leaves it cancelled).
    public static func attempt(_ outcome: EmailAttemptOutcome, at: Timestamp) -> (assignments: String, values: [StoredValue], condition: String) {
        let common = "attempts = attempts + 1, lease_owner = NULL, lease_expires_at = NULL, updated_at = ?"
        switch outcome {
        case .sent:
            return ("status = 'sent', sent_at = ?, last_error = NULL, next_attempt_at = NULL, \(common)",
                    [.integer(at.milliseconds), .integer(at.milliseconds)], "")
        case .retry(let error, let next):
            return ("last_error = ?, next_attempt_at = ?, \(common)",
                    [.text(error), .integer(next.milliseconds), .integer(at.milliseconds)], " AND status = 'pending'")
        case .failed(let error):
            return ("status = 'failed', last_error = ?, next_attempt_at = NULL, \(common)",
                    [.text(error), .integer(at.milliseconds)], " AND status = 'pending'")
        }
    }

    /// Pending count, failed count, oldest pending's creation, sent in the last day: each from its
    /// partial index, never a scan of every message.
    /// `?`: the start of the last day, for the messages sent since.
    public static let summary = """
        SELECT (SELECT COUNT(*) FROM email_outbox WHERE status = 'pending'),
          (SELECT COUNT(*) FROM email_outbox WHERE status = 'failed'),
          (SELECT MIN(created_at) FROM email_outbox WHERE status = 'pending'),
          (SELECT COUNT(*) FROM email_outbox WHERE status = 'sent' AND sent_at >= ?)
        """

    /// A failed message due again: `?` the time (twice), the activity.
    public static let retry = """
        UPDATE email_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?,
          lease_owner = NULL, lease_expires_at = NULL
        WHERE activity_id = ? AND status = 'failed'
        """

    /// A value bound to one of these statements.
    public enum StoredValue: Sendable, Hashable {
        case integer(Int64)
        case text(String)
    }

    /// The columns of a deliveries list item, `o` the outbox, `a` the activity, `p` the patient.
    public static let itemColumns = """
        o.activity_id, a.patient_id, p.name, a.email_to, a.subject, o.status, o.attempts, o.last_error,
        o.next_attempt_at, o.sent_at, o.message_id, o.created_at
        """

    public static let itemJoins = "FROM email_outbox o JOIN activities a ON a.id = o.activity_id JOIN patients p ON p.id = a.patient_id"
}
