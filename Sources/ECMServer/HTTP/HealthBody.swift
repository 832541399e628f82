import ECMDomain

/// What `/health` says of email: whether a transport is configured, and the outbox.
public struct MailHealth: Sendable {
    public let configured: Bool
    public let outbox: any EmailOutboxStore

    public init(configured: Bool, outbox: any EmailOutboxStore) {
        self.configured = configured
        self.outbox = outbox
    }
}

/// `/health`'s answer: `{"status": "ok"}`, with the mail fields (extensions) when the server
/// sends email: `"mail": "ok"` or `"not configured"`, `mail_pending`, `mail_failed`,
/// `mail_sent_last_day` and `mail_oldest_pending_seconds` (null when nothing is pending).
struct HealthBody: JSONWritable {
    let status: String
    var mail: String?
    var summary: EmailOutboxSummary?

    init(status: String) {
        self.status = status
    }

    init(status: String, mail: MailHealth?) async throws(BackendError) {
        self.status = status
        guard let mail else { return }
        self.mail = mail.configured ? "ok" : "not configured"
        self.summary = try await mail.outbox.emailOutboxSummary()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("status", status)
            if let mail, let summary {
                writer.member("mail", mail)
                writer.member("mail_pending", summary.pending)
                writer.member("mail_failed", summary.failed)
                writer.member("mail_sent_last_day", summary.sentLastDay)
                let age = summary.oldestPendingAt.map { Int(max(0, Timestamp.now().milliseconds - $0.milliseconds) / 1000) }
                writer.member("mail_oldest_pending_seconds", age)
            }
        }
    }
}
