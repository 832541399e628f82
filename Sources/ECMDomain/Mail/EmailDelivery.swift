import Foundation

/// Where an email activity's message is on its way out (an extension of the API, documented):
/// written with the activity, in the same transaction, and moved on by the delivery worker.
public enum EmailDeliveryStatus: String, CaseIterable, Codable, Sendable, JSONWritable {
    /// Waiting to be sent, or to be tried again.
    case pending
    /// Accepted by the mail server (or the local MTA, or written as a file).
    case sent
    /// Refused for good, or still failing after the last try; `ecm mail retry` tries again.
    case failed
    /// The activity was cancelled, or stopped being an email, before the message left.
    case cancelled

    /// A short word for the timeline's marker and the detail.
    public var label: String { rawValue }
}

/// The delivery of one email activity's message: the detail's `email_delivery`.
public struct EmailDelivery: Hashable, Sendable {
    public var status: EmailDeliveryStatus
    /// Tries so far.
    public var attempts: Int
    /// The last failure, in words a coordinator can act on (the mail server's reply, for example).
    public var lastError: String?
    /// When the next try is due, while pending.
    public var nextAttemptAt: Timestamp?
    public var sentAt: Timestamp?
    /// The message's `Message-ID`, with its angle brackets: fixed when the activity is created,
    /// the same on every try.
    public var messageID: String

    public init(
        status: EmailDeliveryStatus, attempts: Int = 0, lastError: String? = nil, nextAttemptAt: Timestamp? = nil,
        sentAt: Timestamp? = nil, messageID: String
    ) {
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.nextAttemptAt = nextAttemptAt
        self.sentAt = sentAt
        self.messageID = messageID
    }

    /// A new, unique `Message-ID` for an activity's message: `<ecm.ACTIVITY.RANDOM@HOST>`, with
    /// 64 random bits and the name of the host that recorded it.
    public static func newMessageID(activityID: Int64, host: String = EmailDelivery.hostName) -> String {
        let random = String(UInt64.random(in: .min ... .max), radix: 16)
        return "<ecm.\(activityID).\(random)@\(host)>"
    }

    /// This host's name as a `Message-ID` domain: letters, digits, dots and hyphens only.
    public static let hostName: String = {
        let name = ProcessInfo.processInfo.hostName.lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") }
        return name.isEmpty || name == "localhost" ? "ecm.localhost" : name
    }()
}

extension EmailDelivery: Decodable {
    enum CodingKeys: String, CodingKey {
        case status, attempts
        case lastError = "last_error"
        case nextAttemptAt = "next_attempt_at"
        case sentAt = "sent_at"
        case messageID = "message_id"
    }
}

extension EmailDelivery: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("status", status)
            writer.member("attempts", attempts)
            writer.member("last_error", lastError)
            writer.member("next_attempt_at", nextAttemptAt)
            writer.member("sent_at", sentAt)
            writer.member("message_id", messageID)
        }
    }
}
