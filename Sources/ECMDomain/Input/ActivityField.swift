/// The writable fields of an activity, in the order validation reports them.
public enum ActivityField: String, CaseIterable, Sendable {
    case activityType = "activity_type"
    case status
    case message
    case emailTo = "email_to"
    case body
    case textMessageID = "text_message_id"
    case voiceCallID = "voice_call_id"
    case bookedAt = "booked_at"
    case assignedToID = "assigned_to_id"
    case subject
    case transcript
    case occurredAt = "occurred_at"
    case parentID = "parent_id"
    case blockedByID = "blocked_by_id"
    case blockingID = "blocking_id"
    case emailAttachments = "email_attachments"
    /// Extension: when it should be done (any type; an appointment is due when booked).
    case dueAt = "due_at"
    /// Extension: minutes spent (calls, visits, notes); the event carries it for the PRTF report.
    case duration
    /// Extension: whether an outreach reached the member (calls, SMS, emails, visits).
    case outcome

    /// The attribute's name as Rails writes it at the start of a full message.
    public var humanName: String {
        switch self {
        case .activityType: "Activity type"
        case .status: "Status"
        case .message: "Message"
        case .emailTo: "Email to"
        case .body: "Body"
        case .textMessageID: "Text message"
        case .voiceCallID: "Voice call"
        case .bookedAt: "Booked at"
        case .assignedToID: "Assigned to"
        case .subject: "Subject"
        case .transcript: "Transcript"
        case .occurredAt: "Occurred at"
        case .parentID: "Parent"
        case .blockedByID: "Blocked by"
        case .blockingID: "Blocking"
        case .emailAttachments: "Email attachments"
        case .dueAt: "Due at"
        case .duration: "Duration"
        case .outcome: "Outcome"
        }
    }

    /// The JSON kind the field holds, which decides its "wrong type" message.
    public var kind: Kind {
        switch self {
        case .textMessageID, .voiceCallID, .assignedToID, .parentID, .blockedByID, .blockingID, .duration:
            .integer
        case .bookedAt, .occurredAt, .dueAt: .timestamp
        case .emailAttachments: .stringList
        default: .string
        }
    }

    public enum Kind: Sendable { case string, integer, timestamp, stringList }

    /// Where the field lives in a request, a draft and a stored activity: what every loop over
    /// the fields reads. A new field is a case here, its `slot`, its properties and its column.
    public var slot: FieldSlot { Self.slots[self]! }

    /// The store's column: the field's own name.
    public var column: String { rawValue }

    private static let slots: [ActivityField: FieldSlot] = Dictionary(uniqueKeysWithValues: allCases.map { ($0, $0.makeSlot()) })

    private func makeSlot() -> FieldSlot {
        switch self {
        case .activityType: .string(\.activityType, \.activityType) { $0.activityType.rawValue }
        case .status: .string(\.status, \.status) { $0.status.rawValue }
        case .message: .string(\.message, \.message) { $0.message }
        case .emailTo: .string(\.emailTo, \.emailTo) { $0.emailTo }
        case .body: .string(\.body, \.body) { $0.body }
        case .textMessageID: .integer(\.textMessageID, \.textMessageID) { $0.textMessageID }
        case .voiceCallID: .integer(\.voiceCallID, \.voiceCallID) { $0.voiceCallID }
        case .bookedAt: .timestamp(\.bookedAt, \.bookedAt) { $0.bookedAt }
        case .assignedToID: .integer(\.assignedToID, \.assignedToID) { $0.assignedToID }
        case .subject: .string(\.subject, \.subject) { $0.subject }
        case .transcript: .string(\.transcript, \.transcript) { $0.transcript }
        case .occurredAt: .timestamp(\.occurredAt, \.occurredAt) { $0.occurredAt }
        case .parentID: .integer(\.parentID, \.parentID) { $0.parentID }
        case .blockedByID: .integer(\.blockedByID, \.blockedByID) { $0.blockedByID }
        case .blockingID: .integer(\.blockingID, \.blockingID) { $0.blockingID }
        case .dueAt: .timestamp(\.dueAt, \.dueAt) { $0.dueAt }
        case .duration: .integer(\.duration, \.duration) { $0.duration }
        case .outcome: .string(\.outcome, \.outcome) { $0.outcome?.rawValue }
        case .emailAttachments: .strings(\.emailAttachments, \.emailAttachmentsIfAny) { $0.emailAttachments.isEmpty ? nil : $0.emailAttachments }
        }
    }

    /// The fields each type requires, in the order the API's table lists them; every type also
    /// requires `assigned_to_id`.
    public static func required(for type: ActivityType) -> [ActivityField] {
        switch type {
        case .task: [.message, .assignedToID]
        case .note: [.body, .assignedToID]
        case .sms: [.body, .textMessageID, .assignedToID]
        case .call: [.voiceCallID, .assignedToID]
        case .email: [.emailTo, .body, .assignedToID]
        case .inPersonAppointment: [.bookedAt, .assignedToID]
        }
    }

    /// The fields a form for this type offers, required ones first.
    public static func formFields(for type: ActivityType) -> [ActivityField] {
        var fields = required(for: type)
        let optional: [ActivityField] =
            switch type {
            case .task: [.subject, .body]
            case .note, .sms: [.subject]
            case .call: [.subject, .body, .transcript]
            case .email: [.subject, .emailAttachments]
            case .inPersonAppointment: [.subject, .body]
            }
        fields += optional
        if type.takesOutcome { fields.append(.outcome) }
        if type.takesDuration { fields.append(.duration) }
        fields += [.dueAt, .occurredAt, .blockedByID, .blockingID]
        return fields
    }
}
