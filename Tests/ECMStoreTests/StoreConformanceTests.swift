import ECMDomain
import ECMStore
import ECMTestSupport
import Testing

/// The backend conformance suite against the embedded store, each case on a new SQLite file.
struct StoreConformanceTests {
    @Test(arguments: ConformanceSuite.cases)
    func conformance(_ rule: ConformanceCase) async throws {
        let harness = try StoreHarness()
        defer { harness.directory.remove() }
        try await rule.run(harness)
    }
}

/// A real store in a temporary folder.
struct StoreHarness: ConformanceHarness {
    let directory: TemporaryDirectory
    let database: AppDatabase

    init() throws {
        directory = try TemporaryDirectory()
        database = try AppDatabase.open(path: directory.file("store.sqlite"), create: true)
    }

    func addUser(_ name: String) async throws -> User { try database.addUser(name: name) }

    func disable(_ user: User) async throws {
        let (change, audit) = AccountChange.disabling(user)
        _ = try await database.updateAccount(id: user.id, clinicID: user.clinicID, change, audit: audit)
    }

    func addPatient(_ name: String, dateOfBirth: String?) async throws -> Patient {
        try database.addPatient(name: name, dateOfBirth: dateOfBirth)
    }

    func backend(actingAs user: User) async throws -> any ActivityBackend {
        StoreBackend(database: database, actingUserID: user.id)
    }

    var outbox: any EmailOutboxStore { database }

    func unauthorizedBackend() async throws -> any ActivityBackend {
        StoreBackend(database: database, actingUserID: 4_242_424)
    }
}
