/// The rules that tie an email activity to its outbox entry, for every store: which creates
/// write one, in which state, and which updates cancel the send.
public struct EmailOutboxEntry: Sendable, Hashable {
    public let messageID: String
    public let status: EmailDeliveryStatus
    /// Milliseconds since the epoch; nil unless pending.
    public let nextAttemptAt: Int64?

    /// The entry a new activity gets: an email is due at once; one created already cancelled is
    /// recorded as such and never sent. Nil for every other type.
    public init?(creating draft: ActivityDraft, activityID: Int64, now: Timestamp) {
        guard draft.type == .email else { return nil }
        messageID = EmailDelivery.newMessageID(activityID: activityID)
        if draft.status == ActivityStatus.cancelled.rawValue {
            status = .cancelled
            nextAttemptAt = nil
        } else {
            status = .pending
            nextAttemptAt = now.milliseconds
        }
    }

    /// Whether an update stops a send that has not happened yet: the activity is cancelled, or
    /// is no longer an email. (A message already sent stays sent; editing an email sends nothing.)
    public static func cancelsPendingSend(_ draft: ActivityDraft) -> Bool {
        draft.status == ActivityStatus.cancelled.rawValue || draft.type != .email
    }
}
