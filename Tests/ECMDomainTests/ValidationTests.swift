import ECMDomain
import Testing

/// A valid JSON value for each field a type can require.
private let validValues: [ActivityField: JSONValue] = [
    .message: .string("Follow up with patient about medication"),
    .body: .string("Patient reported feeling better."),
    .emailTo: .string("parent@example.com"),
    .textMessageID: .integer(11),
    .voiceCallID: .integer(12),
    .bookedAt: .string("2024-12-01T14:00:00.000Z"),
    .assignedToID: .integer(789),
]

/// The human names Rails puts at the start of full messages, written out independently of
/// `ActivityField.humanName` so that a wrong name fails.
private let expectedHumanNames: [ActivityField: String] = [
    .message: "Message",
    .body: "Body",
    .emailTo: "Email to",
    .textMessageID: "Text message",
    .voiceCallID: "Voice call",
    .bookedAt: "Booked at",
    .assignedToID: "Assigned to",
]

/// The spec's "Required Fields" column, in the table's order.
private let specRequiredFields: [ActivityType: [ActivityField]] = [
    .task: [.message, .assignedToID],
    .note: [.body, .assignedToID],
    .sms: [.body, .textMessageID, .assignedToID],
    .call: [.voiceCallID, .assignedToID],
    .email: [.emailTo, .body, .assignedToID],
    .inPersonAppointment: [.bookedAt, .assignedToID],
]

/// A JSON `activity` object with every required field of `type` valid.
private func validObject(for type: ActivityType) -> [String: JSONValue] {
    var object: [String: JSONValue] = ["activity_type": .string(type.rawValue)]
    for field in ActivityField.required(for: type) {
        object[field.rawValue] = validValues[field]
    }
    return object
}

private func messages(_ object: [String: JSONValue]) -> [String] {
    ActivityValidator.messages(for: ActivityDraft(creating: ActivityInput(json: object)))
}

/// The ways a required field can be missing.
enum Missing: String, CaseIterable, Sendable {
    case keyAbsent
    case jsonNull
    case emptyString
    case whitespaceOnly

    func apply(to object: inout [String: JSONValue], key: String) {
        switch self {
        case .keyAbsent: object[key] = nil
        case .jsonNull: object[key] = .null
        case .emptyString: object[key] = .string("")
        case .whitespaceOnly: object[key] = .string("  \n\t")
        }
    }
}

struct MissingFieldCase: Sendable, CustomTestStringConvertible {
    let type: ActivityType
    let field: ActivityField
    let missing: Missing

    var testDescription: String { "\(type.rawValue).\(field.rawValue) \(missing.rawValue)" }

    static let all: [MissingFieldCase] = ActivityType.allCases.flatMap { type in
        ActivityField.required(for: type).flatMap { field in
            Missing.allCases.map { MissingFieldCase(type: type, field: field, missing: $0) }
        }
    }
}

struct ValidationTests {
    @Test func requiredFieldsMatchTheSpecTable() {
        for type in ActivityType.allCases {
            #expect(ActivityField.required(for: type) == specRequiredFields[type], "\(type)")
        }
    }

    @Test func tableCoversEveryTypeFieldAndWay() {
        // 6 types; 2+2+3+2+3+2 = 14 required fields; 4 ways each.
        #expect(MissingFieldCase.all.count == 14 * 4)
    }

    @Test(arguments: ActivityType.allCases)
    func aCompleteInputIsValid(_ type: ActivityType) {
        let input = ActivityInput(json: validObject(for: type))
        let draft = ActivityDraft(creating: input)
        #expect(draft.status == "created")
        #expect(draft.type == type)
        #expect(ActivityValidator.messages(for: draft) == [])
    }

    @Test(arguments: MissingFieldCase.all)
    func aMissingRequiredFieldIsBlank(_ c: MissingFieldCase) throws {
        var object = validObject(for: c.type)
        c.missing.apply(to: &object, key: c.field.rawValue)
        let name = try #require(expectedHumanNames[c.field])
        #expect(messages(object) == ["\(name) can't be blank"])
    }

    static let allMissing: [(ActivityType, [String])] = [
        (.task, ["Message can't be blank", "Assigned to can't be blank"]),
        (.note, ["Body can't be blank", "Assigned to can't be blank"]),
        (.sms, ["Body can't be blank", "Text message can't be blank", "Assigned to can't be blank"]),
        (.call, ["Voice call can't be blank", "Assigned to can't be blank"]),
        (.email, ["Email to can't be blank", "Body can't be blank", "Assigned to can't be blank"]),
        (.inPersonAppointment, ["Booked at can't be blank", "Assigned to can't be blank"]),
    ]

    @Test(arguments: allMissing)
    func everythingMissingReportsAllInTableOrder(_ type: ActivityType, _ expected: [String]) {
        #expect(messages(["activity_type": .string(type.rawValue)]) == expected)
    }

    @Test func the422ExampleIsWhatAnEmptyTaskGets() {
        #expect(messages(["activity_type": .string("task")]) == ["Message can't be blank", "Assigned to can't be blank"])
    }

    @Test(arguments: [JSONValue.string("fax"), .string("Task"), .string("task "), .integer(5), .bool(true)])
    func unknownActivityTypeIsNotIncluded(_ type: JSONValue) {
        #expect(
            messages(["activity_type": type, "assigned_to_id": .integer(789)])
                == ["Activity type is not included in the list"])
    }

    @Test(arguments: [Missing.keyAbsent, .jsonNull, .emptyString, .whitespaceOnly])
    func missingActivityTypeIsBlank(_ missing: Missing) {
        var object: [String: JSONValue] = ["activity_type": .string("task"), "assigned_to_id": .integer(789)]
        missing.apply(to: &object, key: "activity_type")
        #expect(messages(object) == ["Activity type can't be blank"])
    }

    @Test(arguments: ["done", "open", "Created", ""])
    func unknownStatusIsNotIncluded(_ status: String) {
        var object = validObject(for: .task)
        object["status"] = .string(status)
        #expect(messages(object) == ["Status is not included in the list"])
    }

    @Test(arguments: ActivityStatus.allCases)
    func knownStatusesAreAccepted(_ status: ActivityStatus) {
        var object = validObject(for: .task)
        object["status"] = .string(status.rawValue)
        let draft = ActivityDraft(creating: ActivityInput(json: object))
        #expect(draft.status == status.rawValue)
        #expect(ActivityValidator.messages(for: draft) == [])
    }

    @Test(arguments: [JSONValue.string("abc"), .string("12x"), .number(1.5), .bool(true), .array([]), .object([:])])
    func nonNumericAssigneeIsNotANumber(_ value: JSONValue) {
        var object = validObject(for: .task)
        object["assigned_to_id"] = value
        #expect(messages(object) == ["Assigned to is not a number"])
    }

    @Test func numericStringAssigneeIsAccepted() {
        var object = validObject(for: .task)
        object["assigned_to_id"] = .string("789")
        let input = ActivityInput(json: object)
        #expect(input.assignedToID == .value(789))
        let draft = ActivityDraft(creating: input)
        #expect(draft.assignedToID == 789)
        #expect(ActivityValidator.messages(for: draft) == [])
    }

    @Test func wholeDoubleAssigneeIsAccepted() {
        var object = validObject(for: .task)
        object["assigned_to_id"] = .number(789.0)
        #expect(ActivityInput(json: object).assignedToID == .value(789))
        #expect(messages(object) == [])
    }

    @Test func unparsableBookedAtIsInvalid() {
        var object = validObject(for: .inPersonAppointment)
        object["booked_at"] = .string("nope")
        #expect(messages(object) == ["Booked at is invalid"])
        object["booked_at"] = .integer(1_733_061_600_000)
        #expect(messages(object) == ["Booked at is invalid"])
    }

    @Test func bookedAtIsParsed() {
        let input = ActivityInput(json: validObject(for: .inPersonAppointment))
        #expect(input.bookedAt == .value(Timestamp(milliseconds: 1_733_061_600_000)))
    }

    @Test func nonStringMessageIsInvalid() {
        var object = validObject(for: .task)
        object["message"] = .integer(5)
        #expect(messages(object) == ["Message is invalid"])
    }

    @Test func nonStringAttachmentIsInvalid() {
        var object = validObject(for: .email)
        object["email_attachments"] = .array([.integer(1)])
        #expect(messages(object) == ["Email attachments is invalid"])
        object["email_attachments"] = .string("https://example.com/a.pdf")
        #expect(messages(object) == ["Email attachments is invalid"])
    }

    @Test func stringAttachmentsAreAccepted() {
        var object = validObject(for: .email)
        object["email_attachments"] = .array([.string("https://example.com/a.pdf"), .string("https://example.com/b.pdf")])
        let draft = ActivityDraft(creating: ActivityInput(json: object))
        #expect(draft.emailAttachments == ["https://example.com/a.pdf", "https://example.com/b.pdf"])
        #expect(ActivityValidator.messages(for: draft) == [])
    }

    @Test func severalWrongTypesAreReportedInFieldOrder() {
        let object: [String: JSONValue] = [
            "activity_type": .string("task"), "message": .integer(5), "assigned_to_id": .string("abc"),
            "booked_at": .string("nope"),
        ]
        #expect(messages(object) == ["Message is invalid", "Booked at is invalid", "Assigned to is not a number"])
    }

    @Test func bodyLengthLimit() {
        var object = validObject(for: .note)
        object["body"] = .string(String(repeating: "a", count: 100_000))
        #expect(messages(object) == [])
        object["body"] = .string(String(repeating: "a", count: 100_001))
        #expect(messages(object) == ["Body is too long (maximum is 100000 characters)"])
    }

    @Test func messageLengthLimit() {
        var object = validObject(for: .task)
        object["message"] = .string(String(repeating: "é", count: 1_000))
        #expect(messages(object) == [])
        object["message"] = .string(String(repeating: "é", count: 1_001))
        #expect(messages(object) == ["Message is too long (maximum is 1000 characters)"])
    }

    // MARK: Partial updates

    private var existing: ActivityDraft {
        var object = validObject(for: .task)
        object["subject"] = .string("Medication Follow-up")
        object["body"] = .string("Check the regimen")
        return ActivityDraft(creating: ActivityInput(json: object))
    }

    @Test func partialUpdateKeepsAbsentFieldsAndClearsNullOnes() {
        let update = ActivityInput(json: ["subject": .null, "status": .string("complete")])
        let draft = ActivityDraft(updating: existing, with: update)
        #expect(draft.subject == nil)
        #expect(draft.status == "complete")
        #expect(draft.body == "Check the regimen")
        #expect(draft.message == "Follow up with patient about medication")
        #expect(draft.assignedToID == 789)
        #expect(draft.activityType == "task")
        #expect(ActivityValidator.messages(for: draft) == [])
    }

    @Test func emptyUpdateChangesNothing() {
        let draft = ActivityDraft(updating: existing, with: ActivityInput())
        #expect(draft == existing)
    }

    @Test func updateClearingARequiredFieldIsBlank() {
        let draft = ActivityDraft(updating: existing, with: ActivityInput(json: ["message": .null]))
        #expect(draft.message == nil)
        #expect(ActivityValidator.messages(for: draft) == ["Message can't be blank"])
        let blank = ActivityDraft(updating: existing, with: ActivityInput(json: ["assigned_to_id": .string(" ")]))
        #expect(ActivityValidator.messages(for: blank) == ["Assigned to can't be blank"])
    }

    @Test func updateChangingTypeRequiresTheNewTypesFields() {
        let draft = ActivityDraft(updating: existing, with: ActivityInput(json: ["activity_type": .string("call")]))
        #expect(ActivityValidator.messages(for: draft) == ["Voice call can't be blank"])
    }

    @Test func updateWithWrongTypeIsInvalid() {
        let draft = ActivityDraft(updating: existing, with: ActivityInput(json: ["assigned_to_id": .string("abc")]))
        #expect(ActivityValidator.messages(for: draft) == ["Assigned to is not a number"])
    }

    @Test func draftOfAStoredDetail() {
        let t = Timestamp(milliseconds: 1_732_096_800_000)
        let detail = ActivityDetail(
            id: 1, activityType: .email, status: .complete, subject: "Care Plan", body: "Dear Parent",
            occurredAt: t, emailTo: "parent@example.com", emailAttachments: ["https://x.example/a.pdf"],
            patientID: 123, patientName: "John Doe", performedByID: 456, performedByName: "Jane",
            assignedToID: 789, assignedToName: "Bob", createdAt: t, updatedAt: t)
        let draft = ActivityDraft(detail)
        #expect(draft.activityType == "email")
        #expect(draft.status == "complete")
        #expect(draft.emailTo == "parent@example.com")
        #expect(draft.emailAttachments == ["https://x.example/a.pdf"])
        #expect(draft.occurredAt == t)
        #expect(draft.invalidFields.isEmpty)
        #expect(ActivityValidator.messages(for: draft) == [])
    }
}

struct BlankTests {
    @Test(arguments: ["", " ", "\n\t", "\u{00A0}", "\u{2003}\u{3000}", "\r\n"])
    func blank(_ text: String) {
        #expect(text.isBlank)
    }

    @Test(arguments: ["a", " a ", "\u{00A0}x", "0", "王", "\u{301}"])
    func notBlank(_ text: String) {
        #expect(!text.isBlank)
    }
}
