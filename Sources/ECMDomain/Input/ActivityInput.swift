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

    public init() {}

    /// True when the request names no field at all.
    public var isEmpty: Bool { ActivityField.allCases.allSatisfy { !isPresent($0) } }

    public func isPresent(_ field: ActivityField) -> Bool {
        switch field {
        case .activityType: activityType.isPresent
        case .status: status.isPresent
        case .message: message.isPresent
        case .subject: subject.isPresent
        case .body: body.isPresent
        case .emailTo: emailTo.isPresent
        case .transcript: transcript.isPresent
        case .bookedAt: bookedAt.isPresent
        case .occurredAt: occurredAt.isPresent
        case .assignedToID: assignedToID.isPresent
        case .voiceCallID: voiceCallID.isPresent
        case .textMessageID: textMessageID.isPresent
        case .parentID: parentID.isPresent
        case .blockedByID: blockedByID.isPresent
        case .blockingID: blockingID.isPresent
        case .emailAttachments: emailAttachments.isPresent
        }
    }

    /// The fields whose value had the wrong type or format.
    public var invalidFields: Set<ActivityField> {
        var fields = Set<ActivityField>()
        func check<T>(_ field: Field<T>, _ name: ActivityField) {
            if case .invalid = field { fields.insert(name) }
        }
        check(activityType, .activityType)
        check(status, .status)
        check(message, .message)
        check(subject, .subject)
        check(body, .body)
        check(emailTo, .emailTo)
        check(transcript, .transcript)
        check(bookedAt, .bookedAt)
        check(occurredAt, .occurredAt)
        check(assignedToID, .assignedToID)
        check(voiceCallID, .voiceCallID)
        check(textMessageID, .textMessageID)
        check(parentID, .parentID)
        check(blockedByID, .blockedByID)
        check(blockingID, .blockingID)
        check(emailAttachments, .emailAttachments)
        return fields
    }
}
