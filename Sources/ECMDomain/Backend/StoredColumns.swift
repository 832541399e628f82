import Foundation

/// How every store writes the values that have no column type of their own, and reads them
/// back: one encoding, so a copy between stores moves them as they are.
public enum StoredColumns {
    /// Email attachments as a JSON array of strings, or NULL for none.
    public static func attachments(_ list: [String]) -> String? {
        guard !list.isEmpty, let data = try? JSONEncoder().encode(list) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    public static func attachments(from text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// An activity's stored type; a word ecm does not know means a store it cannot serve.
    public static func activityType(_ text: String) throws(BackendError) -> ActivityType {
        guard let value = ActivityType(rawValue: text) else { throw .unavailable("Store holds an activity of an unknown type") }
        return value
    }

    public static func status(_ text: String) throws(BackendError) -> ActivityStatus {
        guard let value = ActivityStatus(rawValue: text) else { throw .unavailable("Store holds an activity of an unknown status") }
        return value
    }

    /// An outbox entry's status; nil when the activity has no entry.
    public static func emailStatus(_ text: String?) throws(BackendError) -> EmailDeliveryStatus? {
        guard let text else { return nil }
        guard let value = EmailDeliveryStatus(rawValue: text) else { throw .unavailable("Store holds an email of an unknown delivery status") }
        return value
    }

    /// The outbox columns a detail reads, after the activity's own, in this order.
    public static let emailDeliveryColumns = "o.status, o.attempts, o.last_error, o.next_attempt_at, o.sent_at, o.message_id"

    /// The join that brings an activity's outbox entry (`o`), if any.
    public static let emailOutboxJoin = "LEFT JOIN email_outbox o ON o.activity_id = a.id"

    /// An activity's delivery from its outbox columns; nil without an entry.
    public static func emailDelivery(
        status: String?, attempts: Int64?, lastError: String?, nextAttemptAt: Int64?, sentAt: Int64?, messageID: String?
    ) throws(BackendError) -> EmailDelivery? {
        guard let status = try emailStatus(status), let messageID else { return nil }
        return EmailDelivery(
            status: status, attempts: Int(attempts ?? 0), lastError: lastError,
            nextAttemptAt: nextAttemptAt.map(Timestamp.init(milliseconds:)), sentAt: sentAt.map(Timestamp.init(milliseconds:)),
            messageID: messageID)
    }

    /// A LIKE pattern (with `ESCAPE '\'`) that finds the folded search text anywhere in a
    /// folded key, LIKE's wildcards in the text taken literally.
    public static func likePattern(_ search: String?) -> String {
        let key = SearchKey.fold(search ?? "")
            .replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%\(key)%"
    }
}
