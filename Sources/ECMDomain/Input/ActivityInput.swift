/// The `activity` object of a create or update request. For a create, absent means null; for
/// an update, absent means "leave as is".
public struct ActivityInput: Sendable, Hashable {
    public var activityType: Field<String> = .absent
    public var status: Field<String> = .absent
    public var message: Field<String> = .absent
    public var subject: Field<String> = .absent
    public var body: Field<String> = .absent
    public var emailTo: Field<String> = .absent
    public var transcript: Field<String> = .absent
    public var bookedAt: Field<Timestamp> = .absent
    public var occurredAt: Field<Timestamp> = .absent
    public var assignedToID: Field<Int64> = .absent
    public var voiceCallID: Field<Int64> = .absent
    public var textMessageID: Field<Int64> = .absent
    public var parentID: Field<Int64> = .absent
    public var blockedByID: Field<Int64> = .absent
    public var blockingID: Field<Int64> = .absent
    public var emailAttachments: Field<[String]> = .absent
    public var dueAt: Field<Timestamp> = .absent
    public var duration: Field<Int64> = .absent
    public var outcome: Field<String> = .absent

    public init() {}

    /// True when the request names no field at all.
    public var isEmpty: Bool { ActivityField.allCases.allSatisfy { !isPresent($0) } }

    public func isPresent(_ field: ActivityField) -> Bool { field.slot.read(self).isPresent }

    /// The fields whose value had the wrong type or format.
    public var invalidFields: Set<ActivityField> {
        Set(ActivityField.allCases.filter { if case .invalid = $0.slot.read(self) { true } else { false } })
    }

    /// One field, in the shape every field shares.
    public subscript(field: ActivityField) -> Field<FieldValue> {
        get { field.slot.read(self) }
        set { field.slot.write(&self, newValue) }
    }
}
