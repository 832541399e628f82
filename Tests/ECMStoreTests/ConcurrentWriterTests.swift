import ECMDomain
import ECMStore
import ECMTestSupport
import Testing

/// Two independent connections (as two processes would have) writing one file at once.
struct ConcurrentWriterTests {
    @Test func twoWritersOnOneFileLoseNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("shared.sqlite")
        let setup = try AppDatabase.open(path: path, create: true)
        let user = try setup.addUser(name: "Jane Coordinator")
        let patient = try setup.addPatient(name: "José Núñez", dateOfBirth: nil)
        let writers = try (0..<2).map { _ in StoreBackend(database: try AppDatabase.open(path: path), actingUserID: user.id) }
        let perWriter = 150
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, writer) in writers.enumerated() {
                group.addTask {
                    for n in 0..<perWriter {
                        var input = ActivityInput()
                        input.activityType = .value("task")
                        input.message = .value("Writer \(index) task \(n)")
                        input.assignedToID = .value(user.id)
                        _ = try await writer.createActivity(patientID: patient.id, input: input)
                    }
                }
            }
            try await group.waitForAll()
        }
        let reader = StoreBackend(database: setup, actingUserID: user.id)
        let first = try await reader.activities(patientID: patient.id, query: ActivityQuery())
        #expect(first.pagination.totalCount == 2 * perWriter)
        let events = try await reader.events(patientID: patient.id, query: EventQuery())
        #expect(events.pagination.totalCount == 2 * perWriter)
    }
}
