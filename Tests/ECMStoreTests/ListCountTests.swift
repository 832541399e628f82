import ECMDomain
import ECMStore
import ECMTestSupport
import Testing

/// Lists answer their totals from counts that triggers keep, and deep pages by walking from the
/// nearer end of the list: after every kind of change, both must agree with the rows themselves.
struct ListCountTests {
    static let anchor = Timestamp(iso8601: "2024-11-20T12:00:00Z")!

    /// Every page of a list, with the total each page reported.
    private func everyPage(
        size: Int, _ fetch: (PageRequest) async throws -> Page<ActivitySummary>
    ) async throws -> (items: [ActivitySummary], totals: Set<Int>) {
        var items: [ActivitySummary] = []
        var totals = Set<Int>()
        var page = 1
        while true {
            let result = try await fetch(PageRequest(page: page, size: size))
            totals.insert(result.pagination.totalCount)
            if result.items.isEmpty { break }
            items += result.items
            page += 1
        }
        return (items, totals)
    }

    @Test func totalsAndDeepPagesMatchTheRowsAfterCreatesUpdatesAndDeletes() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase.open(path: directory.file("counts.sqlite"), create: true)
        try DemoDataGenerator(patients: 3, activitiesPerPatient: 90, seed: 5, anchor: Self.anchor, busyCoordinatorTasks: 40)
            .generate(into: database)
        let backend = StoreBackend(database: database, actingUserID: try database.firstUserID())
        let users = try await backend.users(search: nil)

        // Changes of every counted column, and a delete that cascades to subtasks.
        var created = ActivityInput()
        created.activityType = .value("task")
        created.message = .value("Call pharmacy")
        created.assignedToID = .value(users[1].id)
        let task = try await backend.createActivity(patientID: 1, input: created)
        var reassigned = ActivityInput()
        reassigned.status = .value("complete")
        reassigned.assignedToID = .value(users[2].id)
        _ = try await backend.updateActivity(patientID: 1, id: task.id, input: reassigned, ifRevision: nil)
        var retyped = ActivityInput()
        retyped.activityType = .value("note")
        retyped.body = .value("Spoke with the pharmacy")
        _ = try await backend.updateActivity(patientID: 1, id: task.id, input: retyped, ifRevision: nil)
        let tasks = try await backend.activities(patientID: 2, query: ActivityQuery(page: PageRequest(page: 1, size: 100), activityType: .task))
        let parent = try #require(tasks.items.first { $0.subtasksCount > 0 })
        try await backend.deleteActivity(patientID: 2, id: parent.id, ifRevision: nil)

        let types: [ActivityType?] = [nil, .task, .call]
        let statuses: [ActivityStatus?] = [nil, .created, .complete]
        let assignees: [Int64?] = [nil, users[0].id, users[2].id]
        for patient in Int64(1)...3 {
            let everything = try await everyPage(size: 100) { page in
                try await backend.activities(patientID: patient, query: ActivityQuery(page: page))
            }.items
            for type in types {
                for status in statuses {
                    for assignee in assignees {
                        let expected = everything.filter {
                            (type == nil || $0.activityType == type) && (status == nil || $0.status == status)
                                && (assignee == nil || $0.assignedToID == assignee)
                        }
                        let listed = try await everyPage(size: 7) { page in
                            try await backend.activities(
                                patientID: patient,
                                query: ActivityQuery(page: page, activityType: type, assignedToID: assignee, status: status))
                        }
                        #expect(listed.totals == [expected.count])
                        #expect(listed.items.map(\.id) == expected.map(\.id))
                    }
                }
            }
            let newestFirst = everything.sorted { ($0.occurredAt, $0.id) > ($1.occurredAt, $1.id) }
            #expect(everything.map(\.id) == newestFirst.map(\.id))
        }
        for user in users {
            for status in statuses {
                let listed = try await everyPage(size: 9) { page in
                    try await backend.queue(ActivityQuery(page: page, assignedToID: user.id, status: status))
                }
                #expect(listed.totals.count == 1)
                #expect(listed.items.count == listed.totals.first)
                #expect(listed.items.allSatisfy { $0.assignedToID == user.id && (status == nil || $0.status == status) })
                let oldestFirst = listed.items.sorted { ($0.occurredAt, $0.id) < ($1.occurredAt, $1.id) }
                #expect(listed.items.map(\.id) == oldestFirst.map(\.id))
                #expect(Set(listed.items.map(\.id)).count == listed.items.count)
            }
        }
        // A filter naming nobody finds nothing, even where activities have no assignee.
        let nobody = try await backend.activities(patientID: 1, query: ActivityQuery(assignedToID: 0))
        #expect(nobody.items.isEmpty && nobody.pagination.totalCount == 0)
    }

    @Test func theBenchmarkShapesAreMadeDeterministically() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase.open(path: directory.file("shapes.sqlite"), create: true)
        try DemoDataGenerator(
            patients: 5, activitiesPerPatient: 10, seed: 9, anchor: Self.anchor, longHistoryActivities: 300,
            busyCoordinatorTasks: 120
        ).generate(into: database)
        let backend = StoreBackend(database: database, actingUserID: try database.firstUserID())
        let long = try await backend.patients(PatientQuery(search: DemoDataGenerator.longHistoryPatientName))
        let patient = try #require(long.items.first)
        #expect(long.items.count == 1)
        let timeline = try await backend.activities(patientID: patient.id, query: ActivityQuery())
        #expect(timeline.pagination.totalCount == 300)
        let busy = try #require(try await backend.users(search: DemoDataGenerator.busyCoordinatorName).first)
        let queue = try await backend.queue(ActivityQuery(assignedToID: busy.id, status: .created))
        #expect(queue.pagination.totalCount == 120)
        #expect(queue.items.allSatisfy { $0.patientID != patient.id })
    }
}
