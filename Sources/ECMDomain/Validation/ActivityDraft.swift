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
    public var dueAt: Timestamp?
    public var duration: Int64?
    public var outcome: String?
    /// Fields whose submitted value had the wrong type or format.
    public var invalidFields: Set<ActivityField>

    /// The draft for a new activity: status defaults to `created`.
    public init(creating input: ActivityInput) {
        self.init(updating: ActivityDraft.empty, with: input)
        if status == nil, !input.status.isPresent { status = ActivityStatus.created.rawValue }
    }

    /// The draft for an existing activity changed by a partial update.
    public init(updating existing: ActivityDraft, with input: ActivityInput) {
        self.init()
        for field in ActivityField.allCases {
            let slot = field.slot
            slot.writeDraft(&self, slot.read(input).applied(to: slot.readDraft(existing)))
        }
        invalidFields = input.invalidFields
    }

    /// The draft of a stored activity.
    public init(_ detail: ActivityDetail) {
        self.init()
        for field in ActivityField.allCases { field.slot.writeDraft(&self, field.slot.readDetail(detail)) }
    }

    private init() {
        emailAttachments = []
        invalidFields = []
    }

    static let empty = ActivityDraft()

    /// The type, when it is one of the known ones.
    public var type: ActivityType? { activityType.flatMap(ActivityType.init(rawValue:)) }

    /// Whether a field holds something (a blank string holds nothing).
    public func hasValue(_ field: ActivityField) -> Bool { field.slot.readDraft(self)?.hasContent ?? false }

    /// One field, in the shape every field shares.
    public subscript(field: ActivityField) -> FieldValue? {
        get { field.slot.readDraft(self) }
        set { field.slot.writeDraft(&self, newValue) }
    }

    /// `emailAttachments` as the other fields are: nil when there are none.
    var emailAttachmentsIfAny: [String]? {
        get { emailAttachments.isEmpty ? nil : emailAttachments }
        set { emailAttachments = newValue ?? [] }
    }
}

extension ActivityDraft {
    /// The outcome as an event keeps it: nil when none (a blank one included).
    public var storedOutcome: String? { outcome.flatMap { $0.isBlank ? nil : $0 } }
}
