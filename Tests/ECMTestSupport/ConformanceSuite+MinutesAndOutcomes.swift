import ECMDomain
import Testing

extension ConformanceSuite {
    /// Minutes (`duration`) and an outreach's `outcome` (extensions, issue 14): set on the types
    /// that take them, carried by the activity's event (what the PRTF report counts), changed
    /// and cleared with the activity, refused on the types that don't.
    static let minutesAndOutcomes: [ConformanceCase] = [
        ConformanceCase("duration and outcome are kept on a call, shown on it and its event, changed and cleared") { harness in
            let world = try await World.make(harness)
            let call = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "call", "voice_call_id": 7, "assigned_to_id": \#(world.coordinator.id), "duration": 25, "outcome": "successful"}"#))
            #expect(call.duration == 25 && call.outcome == .successful)
            #expect(call.event?.duration == 25 && call.event?.outcome == .successful)
            let shown = try await world.backend.activity(patientID: world.patient.id, id: call.id)
            #expect(shown.duration == 25 && shown.outcome == .successful && shown.event?.outcome == .successful)
            let changed = try await world.backend.updateActivity(
                patientID: world.patient.id, id: call.id, input: .json(#"{"duration": "40", "outcome": "unsuccessful"}"#), ifRevision: nil)
            #expect(changed.duration == 40 && changed.outcome == .unsuccessful)
            #expect(changed.event?.duration == 40 && changed.event?.outcome == .unsuccessful)
            let cleared = try await world.backend.updateActivity(
                patientID: world.patient.id, id: call.id, input: .json(#"{"duration": null, "outcome": ""}"#), ifRevision: nil)
            #expect(cleared.duration == nil && cleared.outcome == nil)
            #expect(cleared.event?.duration == nil && cleared.event?.outcome == nil)
            let events = try await world.backend.events(patientID: world.patient.id, query: EventQuery())
            #expect(events.items.first { $0.activityID == call.id }.map { $0.duration == nil && $0.outcome == nil } == true)
        },
        ConformanceCase("each type takes what applies: minutes on calls, visits and notes; outcomes on calls, SMS, emails and visits") { harness in
            let world = try await World.make(harness)
            let note = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "note", "body": "Care plan reviewed", "assigned_to_id": \#(world.coordinator.id), "duration": 15}"#))
            #expect(note.duration == 15 && note.event?.duration == 15)
            let sms = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "sms", "body": "Hi", "text_message_id": 3, "assigned_to_id": \#(world.coordinator.id), "outcome": "unsuccessful"}"#))
            #expect(sms.outcome == .unsuccessful && sms.event?.outcome == .unsuccessful)
            let before = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery()).pagination.totalCount
            await #expect(throws: BackendError.validation(["Duration must be blank", "Outcome must be blank"])) {
                try await world.backend.createActivity(
                    patientID: world.patient.id,
                    input: .json(#"{"activity_type": "task", "message": "Call back", "assigned_to_id": \#(world.coordinator.id), "duration": 5, "outcome": "successful"}"#))
            }
            await #expect(throws: BackendError.validation(["Duration must be blank"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: sms.id, input: .json(#"{"duration": 5}"#), ifRevision: nil)
            }
            await #expect(throws: BackendError.validation(["Outcome must be blank"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: note.id, input: .json(#"{"outcome": "successful"}"#), ifRevision: nil)
            }
            await #expect(throws: BackendError.validation(["Duration must be greater than 0", "Outcome is not included in the list"])) {
                try await world.backend.updateActivity(
                    patientID: world.patient.id, id: note.id, input: .json(#"{"duration": 0, "outcome": "maybe"}"#), ifRevision: nil)
            }
            await #expect(throws: BackendError.validation(["Duration must be less than or equal to 1440"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: note.id, input: .json(#"{"duration": 1441}"#), ifRevision: nil)
            }
            await #expect(throws: BackendError.validation(["Duration is not a number"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: note.id, input: .json(#"{"duration": "half an hour"}"#), ifRevision: nil)
            }
            #expect(try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery()).pagination.totalCount == before)
            #expect(try await world.backend.activity(patientID: world.patient.id, id: note.id).duration == 15)
        },
    ]
}
