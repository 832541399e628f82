import ECMDomain
import Testing

extension ConformanceSuite {
    /// Text holding U+0000 is refused whole, never stored cut short at the null character.
    static let nullCharacters: [ConformanceCase] = [
        ConformanceCase("a null character in any text field of a create is refused and nothing is written") { harness in
            let world = try await World.make(harness)
            let assignee = world.coordinator.id
            let cases: [(json: String, message: String)] = [
                (#"{"activity_type": "task", "message": "before\u0000after", "assigned_to_id": \#(assignee)}"#, "Message contains a null character"),
                (#"{"activity_type": "note", "body": "before\u0000after", "assigned_to_id": \#(assignee)}"#, "Body contains a null character"),
                (#"{"activity_type": "note", "body": "b", "subject": "\u0000", "assigned_to_id": \#(assignee)}"#, "Subject contains a null character"),
                (#"{"activity_type": "email", "email_to": "a\u0000@example.com", "body": "b", "assigned_to_id": \#(assignee)}"#, "Email to contains a null character"),
                (#"{"activity_type": "call", "voice_call_id": 1, "transcript": "hello\u0000", "assigned_to_id": \#(assignee)}"#, "Transcript contains a null character"),
                (#"{"activity_type": "email", "email_to": "a@example.com", "body": "b", "email_attachments": ["https://x.example/a.pdf", "https://x.example/b\u0000.pdf"], "assigned_to_id": \#(assignee)}"#, "Email attachments contains a null character"),
            ]
            for (json, message) in cases {
                await #expect(throws: BackendError.validation([message]), "\(json)") {
                    try await world.backend.createActivity(patientID: world.patient.id, input: .json(json))
                }
            }
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(page.pagination.totalCount == 0)
        },
        ConformanceCase("a null character in an update or a comment is refused and the stored text is kept") { harness in
            let world = try await World.make(harness)
            let created = try await world.task("Call pharmacy") { $0.body = .value("Original body") }
            for field in [ActivityField.message, .subject, .body, .transcript, .emailTo] {
                var input = ActivityInput()
                let text = Field.value("kept\u{0}lost")
                switch field {
                case .message: input.message = text
                case .subject: input.subject = text
                case .body: input.body = text
                case .transcript: input.transcript = text
                default: input.emailTo = text
                }
                await #expect(throws: BackendError.validation(["\(field.humanName) contains a null character"])) {
                    try await world.backend.updateActivity(patientID: world.patient.id, id: created.id, input: input, ifRevision: nil)
                }
            }
            await #expect(throws: BackendError.validation(["Body contains a null character"])) {
                try await world.backend.addComment(patientID: world.patient.id, activityID: created.id, body: "called\u{0} and left a message")
            }
            let reread = try await world.backend.activity(patientID: world.patient.id, id: created.id)
            #expect(reread.message == "Call pharmacy" && reread.body == "Original body" && reread.subject == nil)
            #expect(reread.comments.isEmpty)
            #expect(reread.revision == created.revision)
        },
    ]
}
