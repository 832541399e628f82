/// The domain's rules for an activity that need no storage: inclusion of type and status,
/// required fields per type, formats and lengths. Rules that need storage (that a user or a
/// parent exists) live in the backends and use `ValidationMessage` for their wording.
public enum ActivityValidator {
    /// Longest message, subject or email address accepted.
    public static let maximumShortTextLength = 1_000
    /// Longest body or transcript accepted.
    public static let maximumLongTextLength = 100_000
    /// Most minutes one activity records: a day.
    public static let maximumDuration: Int64 = 1_440

    /// Every failure of the draft, as Rails full messages, in `ActivityField` order.
    public static func messages(for draft: ActivityDraft) -> [String] {
        var messages: [String] = []
        let type = draft.type
        if draft.invalidFields.contains(.activityType) {
            messages.append(ValidationMessage.notIncluded(.activityType))
        } else if !draft.hasValue(.activityType) {
            messages.append(ValidationMessage.blank(.activityType))
        } else if type == nil {
            messages.append(ValidationMessage.notIncluded(.activityType))
        }
        if draft.invalidFields.contains(.status)
            || !(draft.status.map { ActivityStatus(rawValue: $0) != nil } ?? false)
        {
            messages.append(ValidationMessage.notIncluded(.status))
        }
        let required = type.map(ActivityField.required(for:)) ?? [.assignedToID]
        for field in ActivityField.allCases where field != .activityType && field != .status {
            if draft.invalidFields.contains(field) {
                messages.append(ValidationMessage.invalid(field))
            } else if required.contains(field), !draft.hasValue(field) {
                messages.append(ValidationMessage.blank(field))
            } else if let message = formatMessage(field, in: draft) {
                messages.append(message)
            }
        }
        return messages
    }

    /// A comment's failures: blank, null character, too long.
    public static func commentMessages(body: String) -> [String] {
        if body.isBlank { return [ValidationMessage.commentBodyBlank] }
        if body.containsNullCharacter { return [ValidationMessage.nullCharacter(.body)] }
        if body.count > maximumLongTextLength { return [ValidationMessage.commentBodyTooLong] }
        return []
    }

    private static func formatMessage(_ field: ActivityField, in draft: ActivityDraft) -> String? {
        if hasNullCharacter(field, in: draft) { return ValidationMessage.nullCharacter(field) }
        switch field {
        case .message: return tooLong(field, draft.message, maximumShortTextLength)
        case .subject: return tooLong(field, draft.subject, maximumShortTextLength)
        case .body: return tooLong(field, draft.body, maximumLongTextLength)
        case .transcript: return tooLong(field, draft.transcript, maximumLongTextLength)
        case .emailTo:
            // An email activity really sends (issue 11): the address must be one a mail server
            // takes. The spec's own example ("[email protected]") is not.
            guard let address = draft.emailTo, !address.isBlank else { return nil }
            return EmailAddress.isValid(address) ? nil : ValidationMessage.invalid(field)
        case .emailAttachments:
            let tooMany = draft.emailAttachments.count > 20
            let bad = draft.emailAttachments.contains { $0.isBlank || $0.count > 2_000 }
            return tooMany || bad ? ValidationMessage.invalid(field) : nil
        case .duration:
            guard let minutes = draft.duration else { return nil }
            if let type = draft.type, !type.takesDuration { return ValidationMessage.mustBeBlank(field) }
            if minutes <= 0 { return "\(field.humanName) must be greater than 0" }
            return minutes > maximumDuration ? "\(field.humanName) must be less than or equal to \(maximumDuration)" : nil
        case .outcome:
            guard let outcome = draft.outcome, !outcome.isBlank else { return nil }
            if ActivityOutcome(rawValue: outcome) == nil { return ValidationMessage.notIncluded(field) }
            if let type = draft.type, !type.takesOutcome { return ValidationMessage.mustBeBlank(field) }
            return nil
        default:
            return nil
        }
    }

    /// Whether a text field of the draft holds U+0000.
    private static func hasNullCharacter(_ field: ActivityField, in draft: ActivityDraft) -> Bool {
        // Type and status are reported as not included in the list.
        guard field != .activityType, field != .status else { return false }
        return switch draft[field] {
        case .string(let text)?: text.containsNullCharacter
        case .strings(let list)?: list.contains { $0.containsNullCharacter }
        default: false
        }
    }

    private static func tooLong(_ field: ActivityField, _ text: String?, _ maximum: Int) -> String? {
        guard let text, text.count > maximum else { return nil }
        return ValidationMessage.tooLong(field, maximum: maximum)
    }
}
