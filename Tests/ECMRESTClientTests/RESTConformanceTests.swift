import ECMDomain
import ECMRESTClient
import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// The backend conformance suite, unchanged, against `RESTBackend` talking to a real
/// `ecm-server` on 127.0.0.1 (one server and one SQLite file per case).
struct RESTConformanceTests {
    @Test(arguments: ConformanceSuite.cases)
    func conformance(_ rule: ConformanceCase) async throws {
        let harness = try RESTHarness()
        defer { harness.close() }
        try await rule.run(harness)
    }
}

/// Set-up goes straight to the server's SQLite file (the server shares it through WAL, as
/// several server processes would); every backend call goes over HTTP.
final class RESTHarness: ConformanceHarness, @unchecked Sendable {
    let directory: TemporaryDirectory
    let database: AppDatabase
    let server: LiveServer
    private let lock = NSLock()
    private var tokens: [Int64: String] = [:]

    init() throws {
        directory = try TemporaryDirectory()
        let path = directory.file("server.sqlite")
        database = try AppDatabase.open(path: path, create: true)
        server = try LiveServer(database: path)
    }

    func close() {
        server.stop()
        directory.remove()
    }

    func addUser(_ name: String) async throws -> User {
        let user = try database.addUser(name: name)
        let token = try database.issueToken(userID: user.id)
        lock.withLock { tokens[user.id] = token }
        return user
    }

    func addPatient(_ name: String, dateOfBirth: String?) async throws -> Patient {
        try database.addPatient(name: name, dateOfBirth: dateOfBirth)
    }

    func disable(_ user: User) async throws {
        let (change, audit) = AccountChange.disabling(user)
        _ = try await database.updateAccount(id: user.id, clinicID: user.clinicID, change, audit: audit)
    }

    func backend(actingAs user: User) async throws -> any ActivityBackend {
        let token = lock.withLock { tokens[user.id] } ?? ""
        return try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: token))
    }

    var outbox: any EmailOutboxStore { database }

    func unauthorizedBackend() async throws -> any ActivityBackend {
        try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: "ecm_not_a_real_token"))
    }
}
