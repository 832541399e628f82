import ECMDomain
import ECMPostgres
import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// `ecm-server copy` SQLite → PostgreSQL → SQLite: every answer of the API is the same from
/// each of the three stores.
@Suite(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipReason))
struct CopyRoundTripTests {
    @Test func sqliteToPostgresAndBackAnswersEverythingTheSame() async throws {
        let directory = try TemporaryDirectory()
        let database = try await TestPostgres.createDatabase()
        defer {
            directory.remove()
            database.drop()
        }
        let original = try AppDatabase.open(path: directory.file("original.sqlite"), create: true)
        let jane = try original.addUser(name: "Jane Coordinator")
        let token = try original.issueToken(userID: jane.id)
        try DemoDataGenerator(patients: 12, activitiesPerPatient: 30, seed: 9).generate(into: original)
        // Text that COPY must escape, and a link to a later activity.
        let backend = StoreBackend(database: original, actingUserID: jane.id)
        let note = try await backend.createActivity(
            patientID: 1, input: .json(#"{"activity_type": "note", "assigned_to_id": \#(jane.id), "body": "tab\there\nnew line \\ backslash \\N literal, 王秀英 👍"}"#))
        let blocker = try await backend.createActivity(
            patientID: 1, input: .json(#"{"activity_type": "task", "message": "later", "assigned_to_id": \#(jane.id)}"#))
        _ = try await backend.updateActivity(
            patientID: 1, id: note.id, input: .json(#"{"blocked_by_id": \#(blocker.id)}"#), ifRevision: nil)
        // Emails with their outbox entries: one waiting to be sent, one cancelled.
        let email = try await backend.createActivity(
            patientID: 2, input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "subject": "Care plan", "body": "Dear Parent", "assigned_to_id": \#(jane.id)}"#))
        let cancelled = try await backend.createActivity(
            patientID: 2, input: .json(#"{"activity_type": "email", "status": "cancelled", "email_to": "parent@example.com", "body": "Never mind", "assigned_to_id": \#(jane.id)}"#))

        try await original.setStorePolicy(StorePolicy(idleLockOptional: true))
        // Saved views: one shared, with filters to carry as they are.
        let view = try await backend.createView(ViewChange(name: "Late tasks", filters: ViewFilters(activityType: .task, due: .overdue), shared: true))
        _ = try await backend.createView(ViewChange(name: "Mine"))

        let postgres = try await PostgresStore.open(try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
        defer { postgres.close() }
        _ = try await StoreCopy(from: original, to: postgres).run(replacing: false)
        #expect(try await postgres.storePolicy().idleLockOptional, "the operator's policy came along")
        // The planner knows the copied rows (ANALYZE ran): a never-analysed table has -1.
        #expect(try await TestPostgres.value("SELECT reltuples FROM pg_class WHERE relname = 'activities'", at: database.url) != "-1")
        let back = try AppDatabase.open(path: directory.file("back.sqlite"), create: true)
        _ = try await StoreCopy(from: postgres, to: back).run(replacing: false)

        let expected = try await Self.everyAnswer(StoreBackend(database: original, actingUserID: jane.id))
        #expect(expected.count > 400)
        let fromPostgres = try await Self.everyAnswer(PostgresBackend(store: postgres, actingUserID: jane.id))
        let fromBack = try await Self.everyAnswer(StoreBackend(database: back, actingUserID: jane.id))
        for (key, value) in expected {
            #expect(fromPostgres[key] == value, "PostgreSQL answers \(key) differently")
            #expect(fromBack[key] == value, "the copy back answers \(key) differently")
        }
        #expect(fromPostgres.count == expected.count && fromBack.count == expected.count)
        for copied in [PostgresBackend(store: postgres, actingUserID: jane.id) as any ActivityBackend, StoreBackend(database: back, actingUserID: jane.id)] {
            #expect(try await copied.activity(patientID: 2, id: email.id).emailDelivery == email.emailDelivery)
            #expect(try await copied.activity(patientID: 2, id: cancelled.id).emailDelivery?.status == .cancelled)
        }
        // Token hashes came along: the same token still signs in.
        #expect(try await postgres.user(forToken: token) == jane)
        #expect(try await back.user(forToken: token) == jane)
        // New ids continue after the copied ones.
        let next = try await PostgresBackend(store: postgres, actingUserID: jane.id).createActivity(
            patientID: 1, input: .json(#"{"activity_type": "task", "message": "after the copy", "assigned_to_id": \#(jane.id)}"#))
        #expect(next.id > blocker.id)
        for copied in [PostgresBackend(store: postgres, actingUserID: jane.id) as any ActivityBackend, StoreBackend(database: back, actingUserID: jane.id)] {
            #expect(try await copied.views(page: PageRequest()).items == (try await backend.views(page: PageRequest()).items))
            #expect(try await copied.createView(ViewChange(name: "After the copy")).id > view.id)
        }
    }

    @Test func aTargetHoldingRecordsIsRefusedUnlessReplacing() async throws {
        let directory = try TemporaryDirectory()
        let database = try await TestPostgres.createDatabase()
        defer {
            directory.remove()
            database.drop()
        }
        let source = try AppDatabase.open(path: directory.file("source.sqlite"), create: true)
        _ = try source.addUser(name: "Jane Coordinator")
        let postgres = try await PostgresStore.open(try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
        defer { postgres.close() }
        _ = try await postgres.addUser(name: "Someone Else", id: nil)
        await #expect(throws: BackendError.validation(["The target already holds 1 records: copy refuses to mix stores (--force replaces them)"])) {
            _ = try await StoreCopy(from: source, to: postgres).run(replacing: false)
        }
        _ = try await StoreCopy(from: source, to: postgres).run(replacing: true)
        #expect(try await postgres.usersWithTokenCounts().map(\.user.name) == ["Jane Coordinator"])
    }

    /// Every read the API offers, as JSON, keyed by what was asked.
    static func everyAnswer(_ backend: any ActivityBackend) async throws -> [String: Data] {
        var answers: [String: Data] = [:]
        answers["users"] = ECMJSON.encode(UsersBody(try await backend.users(search: nil)))
        let patients = try await backend.patients(PatientQuery(page: PageRequest(page: 1, size: 100)))
        answers["patients"] = ECMJSON.encode(PatientsBody(patients))
        answers["patients by recent"] = ECMJSON.encode(PatientsBody(try await backend.patients(PatientQuery(page: PageRequest(page: 1, size: 100), sort: .recentActivity))))
        answers["queue"] = ECMJSON.encode(ActivitiesBody(try await backend.queue(ActivityQuery(page: PageRequest(page: 1, size: 100)))))
        for patient in patients.items {
            var page = 1
            while true {
                let activities = try await backend.activities(patientID: patient.id, query: ActivityQuery(page: PageRequest(page: page, size: 100)))
                answers["patient \(patient.id) page \(page)"] = ECMJSON.encode(ActivitiesBody(activities))
                for item in activities.items {
                    answers["activity \(item.id)"] = ECMJSON.encode(ActivityBody(try await backend.activity(patientID: patient.id, id: item.id)))
                    answers["comments \(item.id)"] = ECMJSON.encode(
                        CommentsBody(try await backend.comments(patientID: patient.id, activityID: item.id, page: PageRequest())))
                }
                guard page < activities.pagination.totalPages else { break }
                page += 1
            }
            answers["events \(patient.id)"] = ECMJSON.encode(EventsBody(try await backend.events(patientID: patient.id, query: EventQuery(page: PageRequest(page: 1, size: 100)))))
            answers["open \(patient.id)"] = ECMJSON.encode(ActivitiesBody(try await backend.activities(patientID: patient.id, query: ActivityQuery(status: .created))))
        }
        return answers
    }
}
