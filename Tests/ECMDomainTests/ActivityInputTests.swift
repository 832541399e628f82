import ECMDomain
import ECMTestSupport
import Foundation
import Testing

private func decode(_ text: String) throws(BackendError) -> ActivityInput {
    try ActivityInput.decodeRequest(Data(text.utf8))
}

struct ActivityInputTests {
    @Test(arguments: ["", "{", "not json", #"{"activity": {"activity_type": "task"}"#, "{'activity': {}}", #"{"activity": }"#])
    func malformedJSONIsABadRequest(_ text: String) {
        #expect(throws: BackendError.badRequest("Request body is not valid JSON")) {
            try decode(text)
        }
    }

    @Test(arguments: [
        "{}", #"{"activity": null}"#, #"{"activity": {}}"#, #"{"activity": []}"#, #"{"activity": "task"}"#,
        #"{"activity": 1}"#, "[]", "null", #""activity""#, #"{"activities": {"activity_type": "task"}}"#,
        #"[{"activity": {"activity_type": "task"}}]"#,
    ])
    func missingActivityObjectIsABadRequest(_ text: String) {
        #expect(throws: BackendError.badRequest("param is missing or the value is empty: activity")) {
            try decode(text)
        }
    }

    @Test func badRequestMessagesAreTheErrors() {
        #expect(BackendError.badRequest("Request body is not valid JSON").messages == ["Request body is not valid JSON"])
    }

    @Test func unknownKeysAreIgnored() throws {
        let input = try decode(
            #"{"activity": {"activity_type": "task", "message": "Hi", "assigned_to_id": 789, "priority": "high", "id": 99, "patient_id": 5}, "extra": true}"#)
        var expected = ActivityInput()
        expected.activityType = .value("task")
        expected.message = .value("Hi")
        expected.assignedToID = .value(789)
        #expect(input == expected)
        #expect(input.invalidFields.isEmpty)
    }

    @Test func theLastOfDuplicateKeysWins() throws {
        let input = try decode(#"{"activity": {"body": "first", "body": "last"}, "activity": {"body": "other", "body": "final"}}"#)
        #expect(input.body == .value("final"))
        #expect(try decode(#"{"activity": {"body": "first", "body": null}}"#).body == .null)
    }

    @Test func absentNullAndValueAreKeptApart() throws {
        let input = try decode(#"{"activity": {"subject": null, "body": "", "parent_id": null, "voice_call_id": "", "message": 5}}"#)
        #expect(input.subject == .null)
        #expect(input.body == .value(""))
        #expect(input.parentID == .null)
        #expect(input.voiceCallID == .null)
        #expect(input.message == .invalid(.integer(5)))
        #expect(input.activityType == .absent)
        #expect(input.isPresent(.subject))
        #expect(!input.isPresent(.transcript))
        #expect(!input.isEmpty)
        #expect(input.invalidFields == [.message])
        #expect(ActivityInput().isEmpty)
    }

    @Test func createTaskExample() throws {
        let input = try decode(SpecExamples.createTaskRequest)
        var expected = ActivityInput()
        expected.activityType = .value("task")
        expected.assignedToID = .value(789)
        expected.message = .value("Schedule follow-up appointment with patient")
        expected.subject = .value("Follow-up Scheduling")
        #expect(input == expected)
    }

    @Test func createNoteExample() throws {
        let input = try decode(SpecExamples.createNoteRequest)
        var expected = ActivityInput()
        expected.activityType = .value("note")
        expected.assignedToID = .value(789)
        expected.body = .value(
            "Patient reported feeling better after starting new medication. Will continue monitoring progress.")
        expected.subject = .value("Progress Note")
        #expect(input == expected)
    }

    @Test func createInPersonAppointmentExample() throws {
        let input = try decode(SpecExamples.createAppointmentRequest)
        var expected = ActivityInput()
        expected.activityType = .value("in_person_appointment")
        expected.assignedToID = .value(789)
        expected.bookedAt = .value(Timestamp(milliseconds: 1_733_061_600_000))
        expected.subject = .value("Monthly Check-in")
        expected.body = .value("Monthly in-person check-in with patient and family")
        #expect(input == expected)
    }

    @Test func createEmailExample() throws {
        let input = try decode(SpecExamples.createEmailRequest)
        var expected = ActivityInput()
        expected.activityType = .value("email")
        expected.assignedToID = .value(789)
        expected.emailTo = .value("[email protected]")
        expected.subject = .value("Care Plan Update")
        expected.body = .value("Dear Parent,\n\nWe wanted to update you on your child's care plan...")
        expected.emailAttachments = .value(["https://storage.example.com/documents/care-plan.pdf"])
        #expect(input == expected)
        #expect(input.emailAttachments == .value(["https://storage.example.com/documents/care-plan.pdf"]))
        // The example's address is no address: an email activity really sends, so it is refused.
        #expect(ActivityValidator.messages(for: ActivityDraft(creating: input)) == ["Email to is invalid"])
    }

    @Test(arguments: SpecExamples.createRequests)
    func createExamplesAreValid(_ example: String) throws {
        let input = try decode(example)
        #expect(ActivityValidator.messages(for: ActivityDraft(creating: input)) == [])
    }

    @Test func updateAndSubtaskExamples() throws {
        var complete = ActivityInput()
        complete.status = .value("complete")
        #expect(try decode(SpecExamples.markCompleteRequest) == complete)

        let subtask = try decode(SpecExamples.createSubtaskRequest)
        #expect(subtask.parentID == .value(1))
        #expect(subtask.message == .value("Call patient to confirm appointment time"))
        #expect(ActivityValidator.messages(for: ActivityDraft(creating: subtask)) == [])
    }

    // MARK: requestJSON

    static var roundTripInputs: [ActivityInput] {
        get throws {
            var inputs = try SpecExamples.createRequests.map { try decode($0) }
            inputs.append(try decode(SpecExamples.markCompleteRequest))
            inputs.append(try decode(SpecExamples.createSubtaskRequest))
            var everything = ActivityInput()
            everything.activityType = .value("call")
            everything.status = .value("cancelled")
            everything.message = .null
            everything.subject = .value("Quotes \" and \\ and\nnewlines")
            everything.body = .null
            everything.emailTo = .value("a@example.com")
            everything.transcript = .value("…")
            everything.bookedAt = .null
            everything.occurredAt = .value(Timestamp(milliseconds: -1))
            everything.assignedToID = .value(Int64(1) << 52)
            everything.voiceCallID = .value(12)
            everything.textMessageID = .null
            everything.parentID = .value(1)
            everything.blockedByID = .value(2)
            everything.blockingID = .null
            everything.emailAttachments = .value([])
            inputs.append(everything)
            inputs.append(ActivityInput())
            return inputs
        }
    }

    @Test func requestJSONRoundTripsThroughActivityInputJSON() throws {
        for input in try Self.roundTripInputs {
            guard case .object(let root) = input.requestJSON(), case .object(let activity)? = root["activity"] else {
                Issue.record("requestJSON is not {\"activity\": {...}}")
                continue
            }
            #expect(root.count == 1)
            #expect(ActivityInput(json: activity) == input)
        }
    }

    @Test func requestJSONRoundTripsThroughTheWire() throws {
        for input in try Self.roundTripInputs where !input.isEmpty {
            let data = ECMJSON.encode(input.requestJSON())
            #expect(try ActivityInput.decodeRequest(data) == input, "\(utf8(data))")
        }
    }

    /// Invalid values are passed on as they came, so a server reports them as the store would.
    @Test func requestJSONKeepsNullsAndInvalidValuesAndDropsAbsent() {
        var input = ActivityInput()
        input.message = .null
        input.subject = .invalid(.bool(true))
        input.body = .value("b")
        #expect(input.requestJSON() == .object(["activity": .object(["message": .null, "subject": .bool(true), "body": .string("b")])]))
    }

    @Test func jsonValueDecodesEveryKind() throws {
        let value = try JSONValue(parsing: #"{"n":null,"b":false,"i":-7,"d":2.5,"s":"x","a":[1,"y"],"o":{}}"#.utf8)
        #expect(value == .object([
            "n": .null, "b": .bool(false), "i": .integer(-7), "d": .number(2.5), "s": .string("x"),
            "a": .array([.integer(1), .string("y")]), "o": .object([:]),
        ]))
    }
}
