import ECMDomain
import ECMPostgres
import ECMServer
import ECMStore
import ECMTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's router over a real store — a SQLite file, or a new database on the test's
/// PostgreSQL cluster — seeded with the spec's people: Jane Coordinator (456, the token's user),
/// Bob Manager (789) and patient John Doe (123).
struct TestAPI {
    /// Which store the router serves. Every contract and bad-input test runs on each.
    enum Store: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    /// The stores this run can test: SQLite always; PostgreSQL when the run has a cluster
    /// (`ECM_TEST_POSTGRES_URL`; under CI its absence fails `PostgresRequiredInCITests`).
    static var stores: [Store] { TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    let kind: Store
    let store: any ServerStore
    let token: String
    private let cleanUp: @Sendable () -> Void

    init(_ kind: Store = .sqlite) async throws {
        self.kind = kind
        switch kind {
        case .sqlite:
            let directory = try TemporaryDirectory()
            store = try AppDatabase.open(path: directory.file("server.sqlite"), create: true)
            cleanUp = { directory.remove() }
        case .postgres:
            let database = try await TestPostgres.createDatabase()
            let postgres = try await PostgresStore.open(
                try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
            store = postgres
            cleanUp = {
                postgres.close()
                database.drop()
            }
        }
        _ = try await store.addUser(name: "Jane Coordinator", id: 456)
        _ = try await store.addUser(name: "Bob Manager", id: 789)
        _ = try await store.addPatient(name: "John Doe", dateOfBirth: "1960-05-01", id: 123)
        token = try await store.issueToken(userID: 456)
    }

    /// Closes the store and removes its file or database.
    func remove() { cleanUp() }

    struct Reply {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        }
        var errors: [String]? { json["errors"] as? [String] }
    }

    /// A client that sends requests with the token (unless told otherwise) and JSON content type.
    struct Client {
        let client: any TestClientProtocol
        let token: String

        func send(
            _ method: HTTPRequest.Method, _ uri: String, body: String? = nil, bytes: [UInt8]? = nil,
            token: String?? = .none, headers extra: HTTPFields = [:]
        ) async throws -> Reply {
            var headers = extra
            if let token = token ?? self.token { headers[HTTPField.Name("X-User-Token")!] = token }
            if (body != nil || bytes != nil) && headers[.contentType] == nil { headers[.contentType] = "application/json" }
            let buffer = bytes.map { ByteBuffer(bytes: $0) } ?? body.map { ByteBuffer(string: $0) }
            return try await client.execute(uri: uri, method: method, headers: headers, body: buffer) { response in
                Reply(status: response.status, headers: response.headers, text: String(buffer: response.body))
            }
        }
    }

    /// Runs `body` against the router (no sockets), then removes the store.
    func run(
        sessions: SessionPolicy = SessionPolicy(), audit: AuditRecorder? = nil, zone: TimeZone = .current,
        _ body: @Sendable (Client) async throws -> Void
    ) async throws {
        defer { remove() }
        let app = Application(router: buildRouter(store, sessions: sessions, audit: audit, timeZone: zone))
        let token = self.token
        try await app.test(.router) { client in try await body(Client(client: client, token: token)) }
    }

    /// How many activities the store holds, read directly, to check that nothing was written.
    func activityCount() async throws -> Int {
        let backend = store.backend(actingAs: User(id: 456, name: "Jane Coordinator"))
        return try await backend.activities(patientID: 123, query: ActivityQuery()).pagination.totalCount
    }
}

/// Asserts that every key and value of `expected` (a spec example) is in `actual`, except
/// server-generated values, which must only be present.
func expectMatches(_ actual: Any?, _ expected: Any?, path: String = "$", sourceLocation: SourceLocation = #_sourceLocation) {
    switch expected {
    case let expected as [String: Any]:
        guard let actual = actual as? [String: Any] else {
            Issue.record("\(path): expected an object, got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        for (key, value) in expected {
            guard let present = actual[key] else {
                Issue.record("\(path).\(key) is missing", sourceLocation: sourceLocation)
                continue
            }
            if SpecExamples.generatedKeys.contains(key) { continue }
            expectMatches(present, value, path: "\(path).\(key)", sourceLocation: sourceLocation)
        }
    case let expected as [Any]:
        guard let actual = actual as? [Any], actual.count == expected.count else {
            Issue.record("\(path): expected \(expected.count) items, got \(String(describing: actual))", sourceLocation: sourceLocation)
            return
        }
        for (index, item) in expected.enumerated() {
            expectMatches(actual[index], item, path: "\(path)[\(index)]", sourceLocation: sourceLocation)
        }
    case let expected as Bool:
        // JSONSerialization reads true and false as NSNumber.
        #expect((actual as? Bool) == expected, "\(path): \(String(describing: actual))", sourceLocation: sourceLocation)
    default:
        #expect("\(String(describing: actual))" == "\(String(describing: expected))", "\(path)", sourceLocation: sourceLocation)
    }
}

func parse(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
