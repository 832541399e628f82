import ECMDomain
import Testing

extension ConformanceSuite {
    /// Due dates (extension `due_at`): kept, shown, cleared and validated like every field; the
    /// lists filter by them and the queue reads soonest due first. An appointment is due when booked.
    static let dueDates: [ConformanceCase] = [
        ConformanceCase("due_at is kept on any type, shown in the detail and the lists, and cleared with null") { harness in
            let world = try await World.make(harness)
            let due = Timestamp(iso8601: "2030-01-15T17:00:00Z")!
            let task = try await world.task { $0.dueAt = .value(due) }
            #expect(task.dueAt == due)
            #expect(try await world.backend.activity(patientID: world.patient.id, id: task.id).dueAt == due)
            let note = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "note", "body": "Called", "assigned_to_id": \#(world.coordinator.id), "due_at": "2030-02-01"}"#))
            #expect(note.dueAt == Timestamp(iso8601: "2030-02-01T00:00:00Z"))
            let listed = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(listed.items.first { $0.id == task.id }?.dueAt == due)
            let cleared = try await world.backend.updateActivity(
                patientID: world.patient.id, id: task.id, input: .json(#"{"due_at": null}"#), ifRevision: nil)
            #expect(cleared.dueAt == nil && cleared.message == "Follow up")
            await #expect(throws: BackendError.validation(["Due at is invalid"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: task.id, input: .json(#"{"due_at": "next week"}"#), ifRevision: nil)
            }
            #expect(try await world.backend.activity(patientID: world.patient.id, id: task.id).dueAt == nil)
        },
        ConformanceCase("overdue, due_before and due_after find what is due, an appointment by its booked time") { harness in
            let world = try await World.make(harness)
            let now = Timestamp.now()
            let late = try await world.task("late") { $0.dueAt = .value(now.adding(seconds: -86_400)) }
            let lateButDone = try await world.task("late but done") {
                $0.dueAt = .value(now.adding(seconds: -86_400))
                $0.status = .value("complete")
            }
            let soon = try await world.task("soon") { $0.dueAt = .value(now.adding(seconds: 3_600)) }
            let later = try await world.task("later") { $0.dueAt = .value(now.adding(seconds: 30 * 86_400)) }
            let undated = try await world.task("undated")
            let missedVisit = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "in_person_appointment", "booked_at": "\#(now.adding(seconds: -7_200).iso8601)", "assigned_to_id": \#(world.coordinator.id)}"#))
            func ids(_ query: ActivityQuery) async throws -> [Int64] {
                let page = try await world.backend.activities(patientID: world.patient.id, query: query)
                #expect(page.pagination.totalCount == page.items.count, "the count follows the filter")
                return page.items.map(\.id).sorted()
            }
            #expect(try await ids(ActivityQuery(overdue: true)) == [late.id, missedVisit.id].sorted())
            #expect(try await ids(ActivityQuery(dueBefore: now)) == [late.id, lateButDone.id, missedVisit.id].sorted())
            #expect(try await ids(ActivityQuery(dueAfter: now)) == [soon.id, later.id].sorted())
            #expect(try await ids(ActivityQuery(dueBefore: now.adding(seconds: 7 * 86_400), dueAfter: now)) == [soon.id])
            #expect(try await ids(ActivityQuery(status: .complete, overdue: true)) == [])
            #expect(try await ids(ActivityQuery()).contains(undated.id))
        },
        ConformanceCase("the queue in due order: soonest due first (so overdue leads), then undated oldest first, paged") { harness in
            let world = try await World.make(harness)
            let now = Timestamp.now()
            let undatedOld = try await world.task("undated old") { $0.occurredAt = .value(now.adding(seconds: -10 * 86_400)) }
            let later = try await world.task("later") { $0.dueAt = .value(now.adding(seconds: 5 * 86_400)) }
            let late = try await world.task("late") { $0.dueAt = .value(now.adding(seconds: -3 * 86_400)) }
            let undatedNew = try await world.task("undated new") { $0.occurredAt = .value(now.adding(seconds: -86_400)) }
            let visit = try await world.backend.createActivity(
                patientID: world.otherPatient.id,
                input: .json(#"{"activity_type": "in_person_appointment", "booked_at": "\#(now.adding(seconds: 86_400).iso8601)", "assigned_to_id": \#(world.coordinator.id)}"#))
            let expected = [late.id, visit.id, later.id, undatedOld.id, undatedNew.id]
            let whole = try await world.backend.queue(ActivityQuery(status: .created, order: .due))
            #expect(whole.items.map(\.id) == expected)
            var paged: [Int64] = []
            for page in 1...3 {
                paged += try await world.backend.queue(ActivityQuery(page: PageRequest(page: page, size: 2), status: .created, order: .due)).items.map(\.id)
            }
            #expect(paged == expected, "pages read from either end agree")
            let overdue = try await world.backend.queue(ActivityQuery(overdue: true))
            #expect(overdue.items.map(\.id) == [late.id] && overdue.pagination.totalCount == 1)
            // Without an order the queue stays oldest first.
            #expect(try await world.backend.queue(ActivityQuery(status: .created)).items.first?.id == undatedOld.id)
        },
    ]
}
