/// A message due to be sent, as the outbox holds it with its activity.
public struct OutboxMessage: Sendable, Hashable {
    public let activityID: Int64
    public let messageID: String
    public let to: String
    public let subject: String?
    public let body: String
    /// URLs fetched at send time and attached.
    public let attachments: [String]
    /// Tries before this one.
    public let attempts: Int
    /// When the activity was recorded: the message's `Date`, the same on every try.
    public let createdAt: Timestamp

    public init(
        activityID: Int64, messageID: String, to: String, subject: String?, body: String, attachments: [String],
        attempts: Int, createdAt: Timestamp
    ) {
        self.activityID = activityID
        self.messageID = messageID
        self.to = to
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.attempts = attempts
        self.createdAt = createdAt
    }
}

/// What one try of a message came to.
public enum EmailAttemptOutcome: Sendable, Hashable {
    /// The mail server (or the MTA, or the file) took it.
    case sent
    /// A transient failure: try again at `next`.
    case retry(error: String, next: Timestamp)
    /// Refused for good, or the last try failed.
    case failed(error: String)
}

/// How the outbox stands, for `/health` and `ecm mail list`.
public struct EmailOutboxSummary: Sendable, Hashable {
    public var pending: Int
    public var failed: Int
    /// When the oldest message still pending was written.
    public var oldestPendingAt: Timestamp?
    /// Messages sent in the last 24 hours.
    public var sentLastDay: Int

    public init(pending: Int, failed: Int, oldestPendingAt: Timestamp?, sentLastDay: Int = 0) {
        self.pending = pending
        self.failed = failed
        self.oldestPendingAt = oldestPendingAt
        self.sentLastDay = sentLastDay
    }

    /// The start of the day `summary` counts sent messages from.
    public static func dayBefore(_ now: Timestamp) -> Int64 { now.milliseconds - 86_400_000 }
}

/// The outbox as the delivery worker sees it, in either store. Several workers (several servers
/// on one database, or `ecm mail deliver` beside a server) share it: a message is leased to one
/// owner at a time, and a lease left by a killed process expires and is taken again.
public protocol EmailOutboxStore: Sendable {
    /// Leases up to `limit` messages due at `now` to `owner` until `leaseUntil`, oldest due first.
    func claimDueEmails(owner: String, now: Timestamp, leaseUntil: Timestamp, limit: Int) async throws(BackendError) -> [OutboxMessage]
    /// Records a try of a message that `owner` holds, and gives the lease up. A message whose
    /// activity was cancelled while it was being sent is still recorded as sent, if it was.
    func recordEmailAttempt(activityID: Int64, owner: String, outcome: EmailAttemptOutcome, at: Timestamp) async throws(BackendError)
    /// Gives back, untried, every message `owner` holds (a worker that stops).
    func releaseEmails(owner: String) async throws(BackendError)
    /// When the next pending message is due, if any.
    func nextEmailDue() async throws(BackendError) -> Timestamp?
    func emailOutboxSummary() async throws(BackendError) -> EmailOutboxSummary
    /// A failed message is due again now, its tries counted afresh; false if it is not failed.
    func retryEmail(activityID: Int64, at: Timestamp) async throws(BackendError) -> Bool
}
