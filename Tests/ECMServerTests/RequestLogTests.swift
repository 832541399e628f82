import ECMDomain
import ECMServer
import ECMStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// The server's one line per request: enough to operate it, and no health information.
@Suite struct RequestLogTests {
    @Test func oneLinePerRequestWithTheRouteTemplateAndNoValues() async throws {
        let api = try await TestAPI()
        let lines = CapturedLines()
        var logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .info
        let app = Application(router: buildRouter(api.store), logger: logger)
        let token = api.token
        try await app.test(.router) { raw in
            let client = TestAPI.Client(client: raw, token: token)
            let created = try await client.send(
                .post, "/v1/clinic/ecm/patients/123/activities",
                body: #"{"activity": {"activity_type": "note", "body": "Lives alone since March", "assigned_to_id": 789}}"#)
            #expect(created.status == .created)
            let listed = try await client.send(.get, "/v1/clinic/ecm/patients/123/activities?status=created")
            #expect(listed.status == .ok && listed.text.contains("John Doe"))
            let refused = try await client.send(.get, "/v1/clinic/ecm/patients/123", token: "not-a-token")
            #expect(refused.status == .unauthorized)
        }
        defer { api.remove() }

        let requests = lines.all.filter { $0.message == "request" }
        #expect(requests.map(\.metadata["method"]) == ["POST", "GET", "GET"])
        #expect(requests.map(\.metadata["status"]) == ["201", "200", "401"])
        #expect(requests.first?.metadata["route"] == "/v1/clinic/ecm/patients/{patient_id}/activities")
        for line in requests {
            let duration = try #require(line.metadata["duration_ms"])
            #expect(duration.wholeMatch(of: /\d+\.\d\d/) != nil, "\(duration)")
        }
        let everything = lines.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        for secret in [token, "not-a-token", "John Doe", "Lives alone", "status=created", "/patients/123"] {
            #expect(!everything.contains(secret), "the log holds \(secret)")
        }
    }
}

/// What a `CapturingLogHandler` saw: each message with its metadata rendered as text.
final class CapturedLines: Sendable {
    struct Line: Sendable {
        let message: String
        let metadata: [String: String]
    }

    private let lines = Mutex<[Line]>([])
    var all: [Line] { lines.withLock { $0 } }
    func append(_ line: Line) { lines.withLock { $0.append(line) } }
}

struct CapturingLogHandler: LogHandler {
    let lines: CapturedLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        let merged = self.metadata.merging(explicit ?? [:]) { $1 }
        lines.append(.init(message: message.description, metadata: merged.mapValues { "\($0)" }))
    }
}
