/// An activity with everything the API's detail example shows: every field (null where empty),
/// its comments, its subtasks (as list items) and its event. `email_attachments` is an extension
/// (the create request accepts it, so the detail returns it).
public struct ActivityDetail: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var activityType: ActivityType
    public var status: ActivityStatus
    public var message: String?
    public var subject: String?
    public var body: String?
    public var occurredAt: Timestamp
    public var bookedAt: Timestamp?
    public var emailTo: String?
    public var emailAttachments: [String]
    public var transcript: String?
    public var patientID: Int64
    public var patientName: String
    public var performedByID: Int64
    public var performedByName: String
    public var assignedToID: Int64?
    public var assignedToName: String?
    public var parentID: Int64?
    public var blockedByID: Int64?
    public var blockingID: Int64?
    public var voiceCallID: Int64?
    public var textMessageID: Int64?
    /// Extension: when it should be done (`due_at`).
    public var dueAt: Timestamp?
    /// Extension: minutes spent (`duration`; calls, visits, notes).
    public var duration: Int64?
    /// Extension: whether an outreach reached the member (`outcome`).
    public var outcome: ActivityOutcome?
    public var comments: [Comment]
    public var subtasks: [ActivitySummary]
    public var event: Event?
    /// Extension: the delivery of an email activity's message (`email_delivery`); nil for other
    /// types and for emails recorded before ecm sent them.
    public var emailDelivery: EmailDelivery?
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Increases with every change; the HTTP API serves it as the ETag. Not part of the JSON.
    public var revision: Int64

    public init(
        id: Int64, activityType: ActivityType, status: ActivityStatus, message: String? = nil,
        subject: String? = nil, body: String? = nil, occurredAt: Timestamp,
        bookedAt: Timestamp? = nil, emailTo: String? = nil, emailAttachments: [String] = [],
        transcript: String? = nil, patientID: Int64, patientName: String, performedByID: Int64,
        performedByName: String, assignedToID: Int64? = nil, assignedToName: String? = nil,
        parentID: Int64? = nil, blockedByID: Int64? = nil, blockingID: Int64? = nil,
        voiceCallID: Int64? = nil, textMessageID: Int64? = nil, dueAt: Timestamp? = nil, duration: Int64? = nil, outcome: ActivityOutcome? = nil, comments: [Comment] = [],
        subtasks: [ActivitySummary] = [], event: Event? = nil, emailDelivery: EmailDelivery? = nil, createdAt: Timestamp,
        updatedAt: Timestamp, revision: Int64 = 1
    ) {
        self.id = id
        self.activityType = activityType
        self.status = status
        self.message = message
        self.subject = subject
        self.body = body
        self.occurredAt = occurredAt
        self.bookedAt = bookedAt
        self.emailTo = emailTo
        self.emailAttachments = emailAttachments
        self.transcript = transcript
        self.patientID = patientID
        self.patientName = patientName
        self.performedByID = performedByID
        self.performedByName = performedByName
        self.assignedToID = assignedToID
        self.assignedToName = assignedToName
        self.parentID = parentID
        self.blockedByID = blockedByID
        self.blockingID = blockingID
        self.voiceCallID = voiceCallID
        self.textMessageID = textMessageID
        self.dueAt = dueAt
        self.duration = duration
        self.outcome = outcome
        self.comments = comments
        self.subtasks = subtasks
        self.event = event
        self.emailDelivery = emailDelivery
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.revision = revision
    }
}

extension ActivityDetail: Decodable {
    enum CodingKeys: String, CodingKey {
        case id
        case activityType = "activity_type"
        case status, message, subject, body
        case occurredAt = "occurred_at"
        case bookedAt = "booked_at"
        case emailTo = "email_to"
        case emailAttachments = "email_attachments"
        case transcript
        case patientID = "patient_id"
        case patientName = "patient_name"
        case performedByID = "performed_by_id"
        case performedByName = "performed_by_name"
        case assignedToID = "assigned_to_id"
        case assignedToName = "assigned_to_name"
        case parentID = "parent_id"
        case blockedByID = "blocked_by_id"
        case blockingID = "blocking_id"
        case voiceCallID = "voice_call_id"
        case textMessageID = "text_message_id"
        case dueAt = "due_at"
        case duration, outcome
        case comments, subtasks, event
        case emailDelivery = "email_delivery"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        activityType = try c.decode(ActivityType.self, forKey: .activityType)
        status = try c.decode(ActivityStatus.self, forKey: .status)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        occurredAt = try c.decode(Timestamp.self, forKey: .occurredAt)
        bookedAt = try c.decodeIfPresent(Timestamp.self, forKey: .bookedAt)
        emailTo = try c.decodeIfPresent(String.self, forKey: .emailTo)
        emailAttachments = try c.decodeIfPresent([String].self, forKey: .emailAttachments) ?? []
        transcript = try c.decodeIfPresent(String.self, forKey: .transcript)
        patientID = try c.decode(Int64.self, forKey: .patientID)
        patientName = try c.decode(String.self, forKey: .patientName)
        performedByID = try c.decode(Int64.self, forKey: .performedByID)
        performedByName = try c.decode(String.self, forKey: .performedByName)
        assignedToID = try c.decodeIfPresent(Int64.self, forKey: .assignedToID)
        assignedToName = try c.decodeIfPresent(String.self, forKey: .assignedToName)
        parentID = try c.decodeIfPresent(Int64.self, forKey: .parentID)
        blockedByID = try c.decodeIfPresent(Int64.self, forKey: .blockedByID)
        blockingID = try c.decodeIfPresent(Int64.self, forKey: .blockingID)
        voiceCallID = try c.decodeIfPresent(Int64.self, forKey: .voiceCallID)
        textMessageID = try c.decodeIfPresent(Int64.self, forKey: .textMessageID)
        dueAt = try c.decodeIfPresent(Timestamp.self, forKey: .dueAt)
        duration = try c.decodeIfPresent(Int64.self, forKey: .duration)
        outcome = try c.decodeIfPresent(ActivityOutcome.self, forKey: .outcome)
        comments = try c.decodeIfPresent([Comment].self, forKey: .comments) ?? []
        subtasks = try c.decodeIfPresent([ActivitySummary].self, forKey: .subtasks) ?? []
        event = try c.decodeIfPresent(Event.self, forKey: .event)
        emailDelivery = try c.decodeIfPresent(EmailDelivery.self, forKey: .emailDelivery)
        createdAt = try c.decode(Timestamp.self, forKey: .createdAt)
        updatedAt = try c.decode(Timestamp.self, forKey: .updatedAt)
        revision = 0
    }
}

extension ActivityDetail: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("activity_type", activityType)
            writer.member("status", status)
            writer.member("message", message)
            writer.member("subject", subject)
            writer.member("body", body)
            writer.member("occurred_at", occurredAt)
            writer.member("booked_at", bookedAt)
            writer.member("email_to", emailTo)
            writer.member("email_attachments", emailAttachments)
            writer.member("transcript", transcript)
            writer.member("patient_id", patientID)
            writer.member("patient_name", patientName)
            writer.member("performed_by_id", performedByID)
            writer.member("performed_by_name", performedByName)
            writer.member("assigned_to_id", assignedToID)
            writer.member("assigned_to_name", assignedToName)
            writer.member("parent_id", parentID)
            writer.member("blocked_by_id", blockedByID)
            writer.member("blocking_id", blockingID)
            writer.member("voice_call_id", voiceCallID)
            writer.member("text_message_id", textMessageID)
            writer.member("comments", comments)
            writer.member("subtasks", subtasks)
            writer.member("event", event)
            writer.member("created_at", createdAt)
            writer.member("updated_at", updatedAt)
            // Extensions (documented): the due time on every activity, minutes and outreach
            // outcome (for the PRTF report), the delivery on emails.
            writer.member("due_at", dueAt)
            writer.member("duration", duration)
            writer.member("outcome", outcome)
            if let emailDelivery { writer.member("email_delivery", emailDelivery) }
        }
    }
}
