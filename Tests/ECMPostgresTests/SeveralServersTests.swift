import ECMAuth
import ECMDomain
import ECMPostgres
import ECMRESTClient
import ECMTestSupport
import Foundation
import Testing

/// Three `ecm-server` processes on one PostgreSQL database behave as one server.
@Suite(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipReason))
struct SeveralServersTests {
    @Test func fiftyClientsThroughThreeServersLoseNoWriteAndEveryStaleUpdateIs412() async throws {
        let database = try await TestPostgres.createDatabase()
        defer { database.drop() }
        let store = try await PostgresStore.open(try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
        let user = try await store.addUser(name: "Jane Coordinator", id: nil)
        let patients = try await [store.addPatient(name: "Ana", dateOfBirth: nil, id: nil), store.addPatient(name: "Bao", dateOfBirth: nil, id: nil)]
        let token = try await store.issueToken(userID: user.id)
        store.close()
        let servers = try (0..<3).map { _ in try LiveServer(database: database.url, extraArguments: ["--db-pool-size", String(TestPostgres.poolSize)]) }
        defer { for server in servers { server.stop() } }
        let backends = try servers.map { try RESTBackend(RESTBackend.Configuration(baseURL: $0.url, token: token)) }

        // Creates through all three at once: every 201 is stored once, ids unique.
        let made = try await withThrowingTaskGroup(of: [(id: Int64, patient: Int64)].self) { group in
            for client in 0..<50 {
                group.addTask {
                    var ids: [(id: Int64, patient: Int64)] = []
                    for n in 0..<4 {
                        var input = ActivityInput()
                        input.activityType = .value("task")
                        input.message = .value("Client \(client) task \(n)")
                        input.assignedToID = .value(user.id)
                        let patient = patients[client % 2].id
                        ids.append((try await backends[(client + n) % 3].createActivity(patientID: patient, input: input).id, patient))
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let created = made.map(\.id)
        let patientOf = Dictionary(uniqueKeysWithValues: made.map { ($0.id, $0.patient) })
        #expect(created.count == 200)
        #expect(Set(created).count == 200)

        // Updates of the same few activities, read through one server and written through
        // another with If-Match: each success moved the revision it read by exactly one.
        let shared = Array(created.prefix(5))
        let outcomes = try await withThrowingTaskGroup(of: [(id: Int64, revision: Int64, ok: Bool)].self) { group in
            for client in 0..<50 {
                group.addTask {
                    var results: [(id: Int64, revision: Int64, ok: Bool)] = []
                    for n in 0..<3 {
                        let id = shared[(client + n) % shared.count]
                        let patient = patientOf[id]!
                        let read = try await backends[client % 3].activity(patientID: patient, id: id)
                        var input = ActivityInput()
                        input.message = .value("Edited by client \(client), round \(n)")
                        do {
                            _ = try await backends[(client + 1) % 3].updateActivity(patientID: patient, id: id, input: input, ifRevision: read.revision)
                            results.append((id, read.revision, true))
                        } catch BackendError.conflict {
                            results.append((id, read.revision, false))
                        }
                    }
                    return results
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.contains { !$0.ok }, "50 clients on 5 activities should have raced at least once")
        for id in shared {
            let mine = outcomes.filter { $0.id == id }
            let successes = mine.filter(\.ok)
            let patient = patientOf[id]!
            let final = try await backends[0].activity(patientID: patient, id: id)
            // Created at revision 1; each success was based on a distinct current revision.
            #expect(final.revision == 1 + Int64(successes.count))
            #expect(Set(successes.map(\.revision)).count == successes.count)
            #expect(Set(successes.map(\.revision)) == Set((1..<final.revision).map { $0 }))
        }

        // The list counts equal the rows, through every server.
        for backend in backends {
            var total = 0
            for patient in patients {
                let page = try await backend.activities(patientID: patient.id, query: ActivityQuery(page: PageRequest(page: 1, size: 100)))
                total += page.pagination.totalCount
                #expect(page.items.count == min(100, page.pagination.totalCount))
            }
            #expect(total == 200)
            #expect(try await backend.queue(ActivityQuery()).pagination.totalCount == 200)
        }

        // The audit trail, queued by each write and sealed by the three servers' passes: one
        // create row per activity and one update row per successful update, in one intact chain.
        let audit = try await PostgresStore.open(try PostgresURL(database.url), poolSize: 2, requestDeadline: nil)
        defer { audit.close() }
        // The servers' sealing passes are still running: the chain may grow between reading it
        // and verifying it (444 verified of 455 read, seen once). Read until it holds every write.
        let updates = outcomes.filter(\.ok).count
        var (broken, checked) = try await AuditChain.firstBrokenRow(in: audit)
        var rows = try await audit.auditChain(after: 0, limit: 10_000)
        for _ in 0..<100 where checked != rows.count || rows.count < 200 + updates {
            try await Task.sleep(for: .milliseconds(100))
            (broken, checked) = try await AuditChain.firstBrokenRow(in: audit)
            rows = try await audit.auditChain(after: 0, limit: 10_000)
        }
        #expect(broken == nil)
        #expect(checked == rows.count)
        #expect(rows.filter { $0.entry.action == .create && $0.entry.status == 201 }.count == 200)
        #expect(Set(rows.filter { $0.entry.action == .create }.compactMap(\.entry.resourceID)) == Set(created))
        #expect(rows.filter { $0.entry.action == .update && $0.entry.status == 200 }.count == updates)
    }
}
