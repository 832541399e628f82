import ECMDomain
import ECMPostgres
import ECMTestSupport
import Foundation
import Testing

/// The backend conformance suite against a real PostgreSQL database, each case on a new one.
@Suite(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipReason))
struct PostgresConformanceTests {
    @Test(arguments: ConformanceSuite.cases)
    func conformance(_ rule: ConformanceCase) async throws {
        let harness = try await PostgresHarness()
        defer { harness.close() }
        try await rule.run(harness)
    }
}

/// A migrated PostgreSQL store on a new database of the test cluster.
final class PostgresHarness: ConformanceHarness {
    let database: TestPostgres.Database
    let store: PostgresStore

    init() async throws {
        database = try await TestPostgres.createDatabase()
        store = try await PostgresStore.open(try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
    }

    func close() {
        store.close()
        database.drop()
    }

    func addUser(_ name: String) async throws -> User { try await store.addUser(name: name, id: nil) }

    func disable(_ user: User) async throws {
        let (change, audit) = AccountChange.disabling(user)
        _ = try await store.updateAccount(id: user.id, clinicID: user.clinicID, change, audit: audit)
    }

    func addPatient(_ name: String, dateOfBirth: String?) async throws -> Patient {
        try await store.addPatient(name: name, dateOfBirth: dateOfBirth, id: nil)
    }

    func backend(actingAs user: User) async throws -> any ActivityBackend {
        PostgresBackend(store: store, actingUserID: user.id)
    }

    var outbox: any EmailOutboxStore { store }

    func unauthorizedBackend() async throws -> any ActivityBackend {
        PostgresBackend(store: store, actingUserID: 4_242_424)
    }
}

/// Under CI the PostgreSQL tests must run: a missing cluster is a failure there, not a skip.
struct PostgresRequiredInCITests {
    @Test func ciProvidesAPostgresCluster() {
        guard ProcessInfo.processInfo.environment["CI"] != nil else { return }
        #expect(TestPostgres.isAvailable, "CI must run the PostgreSQL tests: set ECM_TEST_POSTGRES_URL (scripts/with-postgres.sh)")
    }
}
