import ECMDomain
import ECMServer
import ECMStore
import ECMTestSupport
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The API's router over a real SQLite file, seeded with the spec's people: Jane Coordinator
/// (456, the token's user), Bob Manager (789) and patient John Doe (123).
struct TestAPI {
    let directory: TemporaryDirectory
    let database: AppDatabase
    let token: String

    init() throws {
        directory = try TemporaryDirectory()
        database = try AppDatabase.open(path: directory.file("server.sqlite"), create: true)
        _ = try database.addUser(name: "Jane Coordinator", id: 456)
        _ = try database.addUser(name: "Bob Manager", id: 789)
        _ = try database.addPatient(name: "John Doe", dateOfBirth: "1960-05-01", id: 123)
        token = try database.issueToken(userID: 456)
    }

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

    /// Runs `body` against the router (no sockets), then removes the files.
    func run(_ body: @Sendable (Client) async throws -> Void) async throws {
        defer { directory.remove() }
        let app = Application(router: buildRouter(database))
        let token = self.token
        try await app.test(.router) { client in try await body(Client(client: client, token: token)) }
    }

    /// How many activities the store holds, read directly, to check that nothing was written.
    func activityCount() async throws -> Int {
        let backend = StoreBackend(database: database, actingUserID: 456)
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
    default:
        #expect("\(String(describing: actual))" == "\(String(describing: expected))", "\(path)", sourceLocation: sourceLocation)
    }
}

func parse(_ text: String) -> Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }
