import ECMDomain
import ECMPostgres
import ECMRESTClient
import ECMStore
import ECMTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `ecm-server serve --mail-transport smtp://…` against a real SMTP server on 127.0.0.1: every
/// email activity created through the API arrives once, and its status says so.
@Suite(.serialized)
struct DeliveryTests {
    let directory: TemporaryDirectory
    let certificates: TestCertificates

    init() throws {
        directory = try TemporaryDirectory()
        certificates = try TestCertificates(in: directory)
    }

    /// A store with a coordinator and a patient, and a token for the coordinator.
    struct Clinic {
        let database: String
        let token: String
        let userID: Int64
        let patientID: Int64
    }

    func clinic(_ store: String) throws -> Clinic {
        let path = directory.file("\(store)-\(UUID().uuidString.prefix(6)).sqlite")
        let database = try AppDatabase.open(path: path, create: true)
        let user = try database.addUser(name: "Jane Coordinator")
        let patient = try database.addPatient(name: "Ana Pérez", dateOfBirth: nil)
        return Clinic(database: path, token: try database.issueToken(userID: user.id), userID: user.id, patientID: patient.id)
    }

    func server(_ clinic: Clinic, smtpPort: Int, retryBase: String = "200ms", extra: [String] = []) throws -> LiveServer {
        let user = SMTPTestServer.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? ""
        return try LiveServer(
            database: clinic.database,
            extraArguments: [
                "--mail-transport", "smtp://\(user)@127.0.0.1:\(smtpPort)", "--mail-from", "Clinic Care Team <care@clinic.example>",
                "--mail-password-file", try SMTPTestServer.passwordFile(in: directory), "--mail-ca-file", certificates.caFile,
                "--mail-retry-base", retryBase,
            ] + extra)
    }

    func email(_ backend: RESTBackend, _ clinic: Clinic, body: String = "Dear Parent,\n.\nSee you Tuesday.") async throws -> ActivityDetail {
        var input = ActivityInput()
        input.activityType = .value("email")
        input.emailTo = .value("parent@example.com")
        input.subject = .value("Care plan")
        input.body = .value(body)
        input.assignedToID = .value(clinic.userID)
        return try await backend.createActivity(patientID: clinic.patientID, input: input)
    }

    /// Waits until the activity's delivery satisfies `done`, and returns it.
    func delivery(
        _ backend: RESTBackend, _ clinic: Clinic, _ id: Int64, seconds: Double = 20, until done: (EmailDelivery) -> Bool
    ) async throws -> EmailDelivery? {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let current = try await backend.activity(patientID: clinic.patientID, id: id).emailDelivery
            if let current, done(current) { return current }
            if Date() > deadline { return current }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    @Test func anEmailCreatedThroughTheAPIArrivesOnceAndSaysSo() async throws {
        let smtp = try SMTPTestServer(directory: directory, certificates: certificates)
        defer { smtp.stop() }
        let clinic = try clinic("sent")
        let server = try server(clinic, smtpPort: smtp.port)
        defer { _ = server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: clinic.token))
        let created = try await email(backend, clinic)
        #expect(created.emailDelivery?.status == .pending)
        let sent = try await delivery(backend, clinic, created.id) { $0.status == .sent }
        #expect(sent?.status == .sent && sent?.attempts == 1 && sent?.sentAt != nil && sent?.lastError == nil)
        let messages = try await smtp.waitForMessages(1)
        try await Task.sleep(for: .milliseconds(500))
        #expect(smtp.messages().count == 1, "sent more than once")
        let message = try #require(messages.first)
        #expect(message.contains("Message-ID: \(created.emailDelivery?.messageID ?? "?")\r\n"))
        #expect(message.contains("To: parent@example.com\r\n") && message.contains("From: \"Clinic Care Team\" <care@clinic.example>\r\n"))
        #expect(message.contains("\r\n.\r\nSee you Tuesday."))
        let page = try await backend.activities(patientID: clinic.patientID, query: ActivityQuery())
        #expect(page.items.first?.emailStatus == .sent)
        let health = try await Self.health(server)
        #expect(health["mail"] as? String == "ok" && health["mail_pending"] as? Int == 0)
        #expect(health["mail_sent_last_day"] as? Int == 1 && health["mail_failed"] as? Int == 0)
    }

    static func health(_ server: LiveServer) async throws -> [String: Any] {
        let (data, _) = try await URLSession.shared.data(from: URL(string: server.url + "/health")!)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aTemporaryRefusalIsTriedAgainThenSentOnce() async throws {
        let smtp = try SMTPTestServer(directory: directory, certificates: certificates, extraArguments: ["--fail-first", "2"])
        defer { smtp.stop() }
        let clinic = try clinic("retry")
        let server = try server(clinic, smtpPort: smtp.port)
        defer { _ = server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: clinic.token))
        let created = try await email(backend, clinic)
        let sent = try await delivery(backend, clinic, created.id) { $0.status == .sent }
        #expect(sent?.status == .sent && sent?.attempts == 3)
        #expect(try await smtp.waitForMessages(1).count == 1)
    }

    @Test func aRejectionFailsAtOnceWithTheServersWords() async throws {
        let smtp = try SMTPTestServer(directory: directory, certificates: certificates, extraArguments: ["--reject", "550"])
        defer { smtp.stop() }
        let clinic = try clinic("rejected")
        let server = try server(clinic, smtpPort: smtp.port)
        defer { _ = server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: clinic.token))
        let created = try await email(backend, clinic)
        let failed = try await delivery(backend, clinic, created.id) { $0.status != .pending }
        #expect(failed?.status == .failed && failed?.attempts == 1)
        #expect(failed?.lastError == "the mail server said: 550 5.7.1 Recipient address rejected by policy")
        #expect(failed?.nextAttemptAt == nil)
    }

    @Test func aFailedEmailTriedAgainThroughTheAPIIsSent() async throws {
        let smtp = try SMTPTestServer(
            directory: directory, certificates: certificates, extraArguments: ["--fail-first", "1", "--fail-code", "550"])
        defer { smtp.stop() }
        let clinic = try clinic("retried")
        let server = try server(clinic, smtpPort: smtp.port)
        defer { _ = server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: clinic.token))
        let created = try await email(backend, clinic)
        #expect(try await delivery(backend, clinic, created.id) { $0.status != .pending }?.status == .failed)
        let failed = try await backend.emailDeliveries(EmailDeliveryQuery(status: .failed))
        #expect(failed.items.map(\.activityID) == [created.id])
        let retried = try await backend.retryEmail(activityID: created.id)
        #expect(retried.delivery.status == .pending && retried.delivery.attempts == 0)
        #expect(retried.delivery.messageID == created.emailDelivery?.messageID)
        let sent = try await delivery(backend, clinic, created.id) { $0.status == .sent }
        #expect(sent?.status == .sent && sent?.attempts == 1)
        #expect(try await smtp.waitForMessages(1).count == 1)
    }

    @Test func whileTheMailServerIsDownEmailsWaitThenLeaveOnce() async throws {
        let first = try SMTPTestServer(directory: directory, certificates: certificates)
        let port = first.port
        first.stop()
        let clinic = try clinic("down")
        let server = try server(clinic, smtpPort: port)
        defer { _ = server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: clinic.token))
        let created = try await email(backend, clinic)
        let waiting = try await delivery(backend, clinic, created.id) { $0.attempts >= 1 }
        #expect(waiting?.status == .pending && waiting?.lastError != nil && waiting?.nextAttemptAt != nil)
        let smtp = try SMTPTestServer(directory: directory, certificates: certificates, port: port)
        defer { smtp.stop() }
        let sent = try await delivery(backend, clinic, created.id) { $0.status == .sent }
        #expect(sent?.status == .sent)
        #expect(try await smtp.waitForMessages(1).count == 1)
    }

    /// `kill -9` of the server while the mail server holds the message: after a restart the
    /// message is sent once its lease has run out. Killed before the mail server took it, it
    /// arrives once; killed after the mail server took it but before it said so (SMTP's own
    /// window), it arrives once more, with the same Message-ID.
    @Test(arguments: [false, true]) func aServerKilledMidSendSendsAfterRestartAtMostOnceMore(afterTheServerTookIt: Bool) async throws {
        let smtp = try SMTPTestServer(
            directory: directory, certificates: certificates,
            extraArguments: ["--stall-first", "60"] + (afterTheServerTookIt ? ["--stall-after-store"] : []))
        defer { smtp.stop() }
        let clinic = try clinic("killed")
        let lease = ["--mail-lease", "2s"]
        let first = try server(clinic, smtpPort: smtp.port, extra: lease)
        let created = try await email(try RESTBackend(RESTBackend.Configuration(baseURL: first.url, token: clinic.token)), clinic)
        let stalled = smtp.inbox + "/stalled"
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: stalled), Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(FileManager.default.fileExists(atPath: stalled), "the message never reached DATA")
        first.kill()
        let restarted = try server(clinic, smtpPort: smtp.port, extra: lease)
        defer { _ = restarted.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: restarted.url, token: clinic.token))
        let sent = try await delivery(backend, clinic, created.id, seconds: 30) { $0.status == .sent }
        #expect(sent?.status == .sent)
        #expect(sent?.attempts == 1)
        let expected = afterTheServerTookIt ? 2 : 1
        _ = try await smtp.waitForMessages(expected)
        try await Task.sleep(for: .seconds(3))
        let messages = smtp.messages()
        #expect(messages.count == expected)
        let messageID = try #require(created.emailDelivery?.messageID)
        #expect(messages.allSatisfy { $0.contains("Message-ID: \(messageID)\r\n") })
    }

    @Test func threeServersOnOneStoreSendEveryMessageExactlyOnce() async throws {
        let smtp = try SMTPTestServer(directory: directory, certificates: certificates)
        defer { smtp.stop() }
        try await expectEachMessageOnce(through: 3, on: try clinic("three"), smtp: smtp)
    }

    @Test(.enabled(if: TestPostgres.isAvailable, TestPostgres.skipReason))
    func threeServersOnOnePostgreSQLDatabaseSendEveryMessageExactlyOnce() async throws {
        let smtp = try SMTPTestServer(directory: directory, certificates: certificates)
        defer { smtp.stop() }
        let database = try await TestPostgres.createDatabase()
        defer { database.drop() }
        let store = try await PostgresStore.open(try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
        let user = try await store.addUser(name: "Jane Coordinator", id: nil)
        let patient = try await store.addPatient(name: "Ana Pérez", dateOfBirth: nil, id: nil)
        let clinic = Clinic(database: database.url, token: try await store.issueToken(userID: user.id), userID: user.id, patientID: patient.id)
        store.close()
        try await expectEachMessageOnce(through: 3, on: clinic, smtp: smtp)
    }

    /// 30 emails created through `count` servers on one store, each delivering: 30 messages
    /// arrive, each once, each recorded sent after one try.
    func expectEachMessageOnce(through count: Int, on clinic: Clinic, smtp: SMTPTestServer) async throws {
        let servers = try (0..<count).map { _ in try server(clinic, smtpPort: smtp.port) }
        defer { for server in servers { _ = server.stop() } }
        let backends = try servers.map { try RESTBackend(RESTBackend.Configuration(baseURL: $0.url, token: clinic.token)) }
        var ids: [Int64] = []
        for index in 0..<30 {
            ids.append(try await email(backends[index % count], clinic, body: "Message \(index)").id)
        }
        _ = try await smtp.waitForMessages(30)
        try await Task.sleep(for: .seconds(1))
        let messages = smtp.messages()
        #expect(messages.count == 30)
        let messageIDs = messages.compactMap { $0.components(separatedBy: "Message-ID: ").dropFirst().first?.components(separatedBy: "\r\n").first }
        #expect(Set(messageIDs).count == 30)
        for id in ids {
            #expect(try await delivery(backends[0], clinic, id) { $0.status == .sent }?.attempts == 1)
        }
        let health = try await Self.health(servers[count - 1])
        #expect(health["mail_sent_last_day"] as? Int == 30 && health["mail_pending"] as? Int == 0)
    }

    @Test func healthReportsTheOutbox() async throws {
        let clinic = try clinic("health")
        let server = try LiveServer(database: clinic.database)
        defer { _ = server.stop() }
        let backend = try RESTBackend(RESTBackend.Configuration(baseURL: server.url, token: clinic.token))
        _ = try await email(backend, clinic)
        let health = try await Self.health(server)
        #expect(health["status"] as? String == "ok")
        #expect(health["mail"] as? String == "not configured")
        #expect(health["mail_pending"] as? Int == 1)
        #expect(health["mail_failed"] as? Int == 0 && health["mail_sent_last_day"] as? Int == 0)
        #expect(health["mail_oldest_pending_seconds"] as? Int != nil)
    }
}
