import ECMDomain
import Testing

extension ConformanceSuite {
    /// List items carry the activity's revision (extension `revision`), the one its ETag names,
    /// so that a marked row can be changed with If-Match without reading it first.
    static let revisions: [ConformanceCase] = [
        ConformanceCase("a list item's revision is the detail's, moves with each change, and guards a write made from the list") { harness in
            let world = try await World.make(harness)
            let task = try await world.task()
            func listed() async throws -> ActivitySummary? {
                try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery()).items.first { $0.id == task.id }
            }
            let first = try #require(try await listed())
            #expect(first.revision == task.revision)
            let changed = try await world.backend.updateActivity(
                patientID: world.patient.id, id: task.id, input: .json(#"{"message": "Changed by a colleague"}"#), ifRevision: nil)
            #expect(changed.revision != first.revision)
            #expect(try await listed()?.revision == changed.revision)
            #expect(try await world.backend.queue(ActivityQuery(status: .created)).items.first { $0.id == task.id }?.revision == changed.revision)
            // A write with the revision the list showed before the change is refused, and changes nothing.
            await #expect(throws: BackendError.conflict) {
                try await world.backend.updateActivity(
                    patientID: world.patient.id, id: task.id, input: .json(#"{"status": "complete"}"#), ifRevision: first.revision)
            }
            #expect(try await world.backend.activity(patientID: world.patient.id, id: task.id).status == .created)
        },
    ]
}
