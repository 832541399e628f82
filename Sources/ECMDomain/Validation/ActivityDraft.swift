/// The whole activity as it would be after a create or an update: what validation judges.
public struct ActivityDraft: Sendable, Hashable {
    public var activityType: String?
    public var status: String?
    public var message: String?
    public var subject: String?
    public var body: String?
    public var emailTo: String?
    public var transcript: String?
    public var bookedAt: Timestamp?
    public var occurredAt: Timestamp?
    public var assignedToID: Int64?
    public var voiceCallID: Int64?
    public var textMessageID: Int64?
    public var parentID: Int64?
    public var blockedByID: Int64?
    public var blockingID: Int64?
    public var emailAttachments: [String]
    /// Fields whose submitted value had the wrong type or format.
    public var invalidFields: Set<ActivityField>

    /// The draft for a new activity: status defaults to `created`.
    public init(creating input: ActivityInput) {
        self.init(updating: ActivityDraft.empty, with: input)
        if status == nil, !input.status.isPresent { status = ActivityStatus.created.rawValue }
    }

    /// The draft for an existing activity changed by a partial update.
    public init(updating existing: ActivityDraft, with input: ActivityInput) {
        activityType = input.activityType.applied(to: existing.activityType)
        status = input.status.applied(to: existing.status)
        message = input.message.applied(to: existing.message)
        subject = input.subject.applied(to: existing.subject)
        body = input.body.applied(to: existing.body)
        emailTo = input.emailTo.applied(to: existing.emailTo)
        transcript = input.transcript.applied(to: existing.transcript)
        bookedAt = input.bookedAt.applied(to: existing.bookedAt)
        occurredAt = input.occurredAt.applied(to: existing.occurredAt)
        assignedToID = input.assignedToID.applied(to: existing.assignedToID)
        voiceCallID = input.voiceCallID.applied(to: existing.voiceCallID)
        textMessageID = input.textMessageID.applied(to: existing.textMessageID)
        parentID = input.parentID.applied(to: existing.parentID)
        blockedByID = input.blockedByID.applied(to: existing.blockedByID)
        blockingID = input.blockingID.applied(to: existing.blockingID)
        emailAttachments = input.emailAttachments.applied(to: existing.emailAttachments) ?? []
        invalidFields = input.invalidFields
    }

    /// The draft of a stored activity.
    public init(_ detail: ActivityDetail) {
        activityType = detail.activityType.rawValue
        status = detail.status.rawValue
        message = detail.message
        subject = detail.subject
        body = detail.body
        emailTo = detail.emailTo
        transcript = detail.transcript
        bookedAt = detail.bookedAt
        occurredAt = detail.occurredAt
        assignedToID = detail.assignedToID
        voiceCallID = detail.voiceCallID
        textMessageID = detail.textMessageID
        parentID = detail.parentID
        blockedByID = detail.blockedByID
        blockingID = detail.blockingID
        emailAttachments = detail.emailAttachments
        invalidFields = []
    }

    private init() {
        emailAttachments = []
        invalidFields = []
    }

    static let empty = ActivityDraft()

    /// The type, when it is one of the known ones.
    public var type: ActivityType? { activityType.flatMap(ActivityType.init(rawValue:)) }

    /// Whether a field holds something (a blank string holds nothing).
    public func hasValue(_ field: ActivityField) -> Bool {
        switch field {
        case .activityType: activityType.map { !$0.isBlank } ?? false
        case .status: status.map { !$0.isBlank } ?? false
        case .message: message.map { !$0.isBlank } ?? false
        case .subject: subject.map { !$0.isBlank } ?? false
        case .body: body.map { !$0.isBlank } ?? false
        case .emailTo: emailTo.map { !$0.isBlank } ?? false
        case .transcript: transcript.map { !$0.isBlank } ?? false
        case .bookedAt: bookedAt != nil
        case .occurredAt: occurredAt != nil
        case .assignedToID: assignedToID != nil
        case .voiceCallID: voiceCallID != nil
        case .textMessageID: textMessageID != nil
        case .parentID: parentID != nil
        case .blockedByID: blockedByID != nil
        case .blockingID: blockingID != nil
        case .emailAttachments: !emailAttachments.isEmpty
        }
    }
}
