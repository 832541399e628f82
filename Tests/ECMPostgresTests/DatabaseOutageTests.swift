import ECMDomain
import ECMPostgres
import ECMRESTClient
import ECMTestSupport
import Foundation
import Testing

/// PostgreSQL crashing under a server: 503s while it is away, service again by itself when it
/// is back, and no acknowledged write lost.
@Suite(.enabled(if: TestPostgres.isAvailable && PrivateCluster.isAvailable, TestPostgres.skipReason))
struct DatabaseOutageTests {
    @Test func aCrashDuringAWriteBurstIs503ThenServiceWithEveryAcknowledgedWriteKept() async throws {
        let cluster = try await TestPostgres.offThePool { try PrivateCluster() }
        defer { cluster.remove() }
        let store = try await PostgresStore.open(try PostgresURL(cluster.url))
        let user = try await store.addUser(name: "Jane Coordinator", id: nil)
        let patient = try await store.addPatient(name: "Ana", dateOfBirth: nil, id: nil)
        let token = try await store.issueToken(userID: user.id)
        store.close()
        let server = try LiveServer(database: cluster.url)
        defer { server.stop() }
        // The client waits longer (15 s) than the server lets a request wait for the database (5 s).
        var configuration = RESTBackend.Configuration(baseURL: server.url, token: token)
        // Each answer as the server gave it: the client's own retries would hide the 503s.
        configuration.writeRetries = 0
        let backend = try RESTBackend(configuration)

        let log = OutcomeLog()
        let writers = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for client in 0..<8 {
                    group.addTask {
                        var n = 0
                        while !log.stopped {
                            n += 1
                            var input = ActivityInput()
                            input.activityType = .value("task")
                            input.message = .value("Client \(client) write \(n)")
                            input.assignedToID = .value(user.id)
                            do {
                                log.acknowledged(try await backend.createActivity(patientID: patient.id, input: input).id)
                            } catch {
                                log.refused(error)
                                try await Task.sleep(for: .milliseconds(50))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        // Writes flowing first (a busy test machine may take a while to get them going).
        let started = ContinuousClock.now
        while log.acknowledgedCount < 10, ContinuousClock.now - started < .seconds(30) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let beforeCrash = log.acknowledgedCount
        try await TestPostgres.offThePool { try cluster.stop(immediate: true) }
        // Down longer than a request may wait for the database (5 s): every write sent meanwhile
        // meets the outage. Down for 2 s, a loaded machine's writers could all be between
        // requests at the crash and wait it out: 50 acknowledged, none refused, seen once.
        try await Task.sleep(for: .seconds(7))
        try await TestPostgres.offThePool { try cluster.start() }
        // Service comes back by itself: writes are acknowledged again within the pool's backoff.
        let restarted = ContinuousClock.now
        let ackAtRestart = log.acknowledgedCount
        while log.acknowledgedCount < ackAtRestart + 20, ContinuousClock.now - restarted < .seconds(60) {
            try await Task.sleep(for: .milliseconds(100))
        }
        let recovery = ContinuousClock.now - restarted
        log.stop()
        try await writers.value

        #expect(beforeCrash > 0)
        #expect(log.acknowledgedCount >= ackAtRestart + 20, "no service within 60 s of the restart")
        // Requests that met the outage were answered 503 (after at most the server's 5 s wait).
        #expect(!log.refusals.isEmpty)
        // Every refusal was the API's 503, never another status or a crash.
        #expect(log.refusals.allSatisfy { $0.description.contains("503: Service unavailable") }, "\(Set(log.refusals))")
        var stored = Set<Int64>()
        var page = 1
        while true {
            let found = try await backend.activities(patientID: patient.id, query: ActivityQuery(page: PageRequest(page: page, size: 100)))
            stored.formUnion(found.items.map(\.id))
            guard page < found.pagination.totalPages else { break }
            page += 1
        }
        #expect(log.acknowledged.isSubset(of: stored), "acknowledged writes missing: \(log.acknowledged.subtracting(stored).sorted())")
        print("outage: \(log.acknowledgedCount) writes acknowledged, \(log.refusals.count) refused with 503, service back \(recovery) after the restart")
    }
}

/// What the writers saw, shared between their tasks.
final class OutcomeLog: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: Set<Int64> = []
    private var errors: [BackendError] = []
    private var done = false

    func acknowledged(_ id: Int64) { lock.withLock { _ = ids.insert(id) } }
    func refused(_ error: any Error) { lock.withLock { errors.append(error as? BackendError ?? .unavailable("\(error)")) } }
    func stop() { lock.withLock { done = true } }
    var stopped: Bool { lock.withLock { done } }
    var acknowledged: Set<Int64> { lock.withLock { ids } }
    var acknowledgedCount: Int { lock.withLock { ids.count } }
    var refusals: [BackendError] { lock.withLock { errors } }
}
