/// The encounter record generated for every activity (used for PRTF reporting).
public struct Event: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var activityID: Int64?
    public var eventType: ActivityType
    public var occurredAt: Timestamp
    public var status: ActivityStatus
    public var subject: String?
    public var body: String?
    /// Minutes.
    public var duration: Int?
    /// Extension: the activity's outreach outcome, which the PRTF report counts.
    public var outcome: ActivityOutcome?

    public init(
        id: Int64, activityID: Int64? = nil, eventType: ActivityType, occurredAt: Timestamp,
        status: ActivityStatus, subject: String? = nil, body: String? = nil, duration: Int? = nil,
        outcome: ActivityOutcome? = nil
    ) {
        self.id = id
        self.activityID = activityID
        self.eventType = eventType
        self.occurredAt = occurredAt
        self.status = status
        self.subject = subject
        self.body = body
        self.duration = duration
        self.outcome = outcome
    }
}

extension Event: Decodable {
    enum CodingKeys: String, CodingKey {
        case id
        case activityID = "activity_id"
        case eventType = "event_type"
        case occurredAt = "occurred_at"
        case status, subject, body, duration, outcome
    }
}

extension Event: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("event_type", eventType)
            writer.member("occurred_at", occurredAt)
            writer.member("status", status)
            writer.member("subject", subject)
            writer.member("body", body)
            writer.member("duration", duration)
            // activity_id is an extension (documented): it links an event of the events list to its activity.
            if let activityID { writer.member("activity_id", activityID) }
            // outcome is an extension (documented): present when the activity records one.
            if let outcome { writer.member("outcome", outcome) }
        }
    }
}
