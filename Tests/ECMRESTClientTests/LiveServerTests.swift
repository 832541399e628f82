import ECMDomain
import ECMRESTClient
import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// The server as a process: concurrency, shutdown, and `ecm --server` end to end.
struct LiveServerTests {
    @Test func fiftyClientsCreatingAtOnceLoseNothing() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("server.sqlite")
        let database = try AppDatabase.open(path: path, create: true)
        let user = try database.addUser(name: "Jane Coordinator")
        let patients = try (0..<3).map { try database.addPatient(name: "Patient \($0)", dateOfBirth: nil) }
        let token = try database.issueToken(userID: user.id)
        let server = try LiveServer(database: path)
        defer { server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: token))
        let deadline = ContinuousClock.now + .seconds(3)
        let created = try await withThrowingTaskGroup(of: [Int64].self) { group in
            for client in 0..<50 {
                group.addTask {
                    var ids: [Int64] = []
                    // At least a few each, even if this task starts late on a busy machine.
                    while ids.count < 5 || ContinuousClock.now < deadline {
                        var input = ActivityInput()
                        input.activityType = .value("task")
                        input.message = .value("Client \(client) task \(ids.count)")
                        input.assignedToID = .value(user.id)
                        ids.append(try await backend.createActivity(patientID: patients[client % 3].id, input: input).id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(!created.isEmpty)
        #expect(Set(created).count == created.count)
        var stored = 0
        for patient in patients {
            stored += try await backend.activities(patientID: patient.id, query: ActivityQuery()).pagination.totalCount
        }
        #expect(stored == created.count)
    }

    @Test func sigtermStopsTheServerWithStatus0() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let server = try LiveServer(database: directory.file("server.sqlite"))
        #expect(server.stop() == 0)
    }

    @Test func ecmCommandsWorkAgainstTheServer() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("server.sqlite")
        let serverAdmin = Command(product: "ecm-server")
        let added = try serverAdmin.run(["users", "add", "--db", path, "--name", "Jane Coordinator"])
        #expect(added.status == 0)
        let token = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        #expect(token.hasPrefix("ecm_") && token.count == 68)
        #expect(try serverAdmin.run(["patients", "add", "--db", path, "--name", "José Núñez"]).stdout == "1\n")
        let server = try LiveServer(database: path)
        defer { server.stop() }
        let home = directory.file("home")
        let ecm = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": token, "HOME": home])
        let created = try ecm.run(["activities", "create", "--patient", "1", "--type", "task", "--message", "Call pharmacy", "--assigned-to", "1", "--json"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect((try created.jsonObject()["activity"] as? [String: Any])?["performed_by_name"] as? String == "Jane Coordinator")
        let invalid = try ecm.run(["activities", "create", "--patient", "1", "--type", "task"])
        #expect(invalid.status == 1)
        #expect(invalid.stderr == "ecm: Message can't be blank\necm: Assigned to can't be blank\n")
        let missing = try ecm.run(["activities", "show", "--patient", "2", "1"])
        #expect(missing.status == 3 && missing.stderr == "ecm: Patient not found\n")
        let queue = try ecm.run(["queue", "--json"])
        #expect((try queue.jsonObject()["activities"] as? [Any])?.count == 1)
        let setup = try ecm.run(["users", "add", "--name", "X"])
        #expect(setup.status == 1 && setup.stderr.contains("ecm-server"))

        // The token may also come from a private credentials file, never from a readable one.
        var fromFile = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "HOME": home])
        fromFile.environment["ECM_TOKEN"] = nil
        let credentials = home + "/.config/ecm/credentials"
        try FileManager.default.createDirectory(atPath: home + "/.config/ecm", withIntermediateDirectories: true)
        try (token + "\n").write(toFile: credentials, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: credentials)
        let refused = try fromFile.run(["queue"])
        #expect(refused.status == 4)
        #expect(refused.stderr.contains("can be read by others (mode 644)"))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: credentials)
        #expect(try fromFile.run(["queue"]).status == 0)

        let revoked = try serverAdmin.run(["users", "revoke", "--db", path, "1"])
        #expect(revoked.status == 0)
        let afterRevoke = try ecm.run(["queue"])
        #expect(afterRevoke.status == 4 && afterRevoke.stderr == "ecm: Unauthorized\n")
    }

    @Test func plainHTTPToAnotherHostIsRefusedAndUnreachableIsUnavailable() async throws {
        #expect(throws: BackendError.badRequest("Refusing plain http to example.org: use https, or --insecure-http to send health information unencrypted")) {
            try RESTBackend(RESTBackend.Configuration(baseURL: "http://example.org:8080", token: "t"))
        }
        var insecure = RESTBackend.Configuration(baseURL: "http://example.org:8080", token: "t")
        insecure.allowInsecureHTTP = true
        #expect(throws: Never.self) { try RESTBackend(insecure) }
        var closed = RESTBackend.Configuration(baseURL: "http://127.0.0.1:9", token: "t")
        closed.readRetries = 0
        let backend = try RESTBackend(closed)
        do {
            _ = try await backend.currentUser()
            Issue.record("expected the server to be unreachable")
        } catch {
            guard case .unavailable(let message) = error else { Issue.record("unexpected \(error)"); return }
            #expect(message.hasPrefix("Cannot reach the ecm server at http://127.0.0.1:9"))
        }
    }
}
