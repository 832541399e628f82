/// The wording of validation failures: Rails full messages, as the API returns them.
public enum ValidationMessage {
    public static func blank(_ field: ActivityField) -> String { "\(field.humanName) can't be blank" }
    public static func notIncluded(_ field: ActivityField) -> String {
        "\(field.humanName) is not included in the list"
    }
    public static func invalid(_ field: ActivityField) -> String {
        switch field.kind {
        case .integer: "\(field.humanName) is not a number"
        case .string, .timestamp, .stringList: "\(field.humanName) is invalid"
        }
    }
    public static func tooLong(_ field: ActivityField, maximum: Int) -> String {
        "\(field.humanName) is too long (maximum is \(maximum) characters)"
    }
    /// Text holding U+0000, which no store keeps: refused rather than cut short.
    public static func nullCharacter(_ field: ActivityField) -> String { nullCharacter(named: field.humanName) }
    public static func nullCharacter(named name: String) -> String { "\(name) contains a null character" }
    /// A field this activity's type does not take.
    public static func mustBeBlank(_ field: ActivityField) -> String { "\(field.humanName) must be blank" }
    /// A referenced record does not exist (or belongs to another patient).
    public static func mustExist(_ field: ActivityField) -> String { "\(field.humanName) must exist" }
    public static let parentMustBeTask = "Parent must be a task"
    public static func cannotBeItself(_ field: ActivityField) -> String {
        "\(field.humanName) can't be the activity itself"
    }
    public static let parentCannotBeSubtask = "Parent can't be one of the activity's own subtasks"
    public static func wouldCreateCycle(_ field: ActivityField) -> String {
        "\(field.humanName) would create a cycle of blocked activities"
    }
    public static let commentBodyBlank = "Body can't be blank"
    public static let commentBodyTooLong =
        "Body is too long (maximum is \(ActivityValidator.maximumLongTextLength) characters)"
    public static let nameBlank = "Name can't be blank"
    public static let nameTooLong = "Name is too long (maximum is 200 characters)"
    public static let dateOfBirthInvalid = "Date of birth is invalid"
    public static let pageTooSmall = "Page must be greater than or equal to 1"
    public static let pageSizeTooSmall = "Page size must be greater than or equal to 1"
    public static let perPageTooSmall = "Per page must be greater than or equal to 1"
}
