import ECMDomain
import ECMTestSupport
import Foundation
import Testing

@testable import ECMMail

/// libcurl's SMTP against a real server on 127.0.0.1 that requires STARTTLS and AUTH.
@Suite(.serialized)
struct SMTPTransportTests {
    let directory: TemporaryDirectory
    let certificates: TestCertificates

    init() throws {
        directory = try TemporaryDirectory()
        certificates = try TestCertificates(in: directory)
    }

    func transport(port: Int, password: String? = nil) throws -> any MailTransport {
        var passwordFile = try SMTPTestServer.passwordFile(in: directory)
        if let password {
            passwordFile = directory.file("wrong-password")
            FileManager.default.createFile(atPath: passwordFile, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600])
        }
        let user = SMTPTestServer.user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? ""
        return try MailTransportOptions(
            url: "smtp://\(user)@127.0.0.1:\(port)", passwordFile: passwordFile, caFile: certificates.caFile
        ).makeTransport()
    }

    static let body = "Dear Parent,\n\n.\n.leading dot and a lone dot above\nCafé = 3 €, niño\n" + String(repeating: "long line ", count: 20)

    func message(_ id: Int64 = 7, body: String = Self.body) -> MailMessage {
        MailMessage(
            OutboxMessage(
                activityID: id, messageID: EmailDelivery.newMessageID(activityID: id, host: "clinic.example"),
                to: "parent@example.com", subject: "Plan de cuidado — actualización", body: body, attachments: [],
                attempts: 0, createdAt: Timestamp(milliseconds: 1_733_000_000_000)),
            from: MailSender("Clinic Care Team <care@clinic.example>")!)
    }

    @Test func aMessageArrivesByteForByte() async throws {
        let server = try SMTPTestServer(directory: directory, certificates: certificates)
        defer { server.stop() }
        let sent = message()
        try await transport(port: server.port).send(sent)
        let received = try #require(try await server.waitForMessages(1).first)
        // What the server stored is what was sent, dot-stuffing undone (lines that begin with ".").
        #expect(Array(received.utf8) == sent.bytes)
        #expect(received.contains("\r\n.\r\n.leading dot"))
        #expect(received.contains("Message-ID: \(sent.messageID)\r\n"))
        #expect(received.contains("Subject: =?UTF-8?B?"))
        let envelope = try String(contentsOfFile: server.inbox + "/0001.rcpt", encoding: .utf8)
        #expect(envelope == "care@clinic.example\nparent@example.com\n")
    }

    @Test func manyMessagesOverOneTransport() async throws {
        let server = try SMTPTestServer(directory: directory, certificates: certificates)
        defer { server.stop() }
        let transport = try transport(port: server.port)
        for id in 1...20 { try await transport.send(message(Int64(id), body: "Message \(id)")) }
        let received = try await server.waitForMessages(20)
        #expect(received.count == 20)
        #expect(Set(received.map { $0.components(separatedBy: "Message-ID: ")[1].prefix(20) }).count == 20)
    }

    @Test func aServerWithoutStartTLSIsRefusedBeforeAnythingIsSent() async throws {
        let server = try SMTPTestServer(directory: directory, certificates: certificates, extraArguments: ["--no-starttls"])
        defer { server.stop() }
        await #expect(throws: MailError.transient("the mail server does not offer STARTTLS: nothing was sent")) {
            try await transport(port: server.port).send(message())
        }
        try await Task.sleep(for: .milliseconds(200))
        #expect(server.messages().isEmpty)
    }

    @Test func aWrongPasswordIsReportedAndTriedAgainLater() async throws {
        let server = try SMTPTestServer(directory: directory, certificates: certificates)
        defer { server.stop() }
        do {
            try await transport(port: server.port, password: "wrong").send(message())
            Issue.record("a wrong password was accepted")
        } catch {
            guard case .transient(let text)? = error as? MailError else { Issue.record("\(error)"); return }
            #expect(text.hasPrefix("the mail server refused the sign-in"))
        }
        #expect(server.messages().isEmpty)
    }

    @Test func aRejectionIsPermanentWithTheServersWords() async throws {
        let server = try SMTPTestServer(directory: directory, certificates: certificates, extraArguments: ["--reject", "550"])
        defer { server.stop() }
        await #expect(throws: MailError.permanent("the mail server said: 550 5.7.1 Recipient address rejected by policy")) {
            try await transport(port: server.port).send(message())
        }
    }

    @Test func aTemporaryFailureIsTransient() async throws {
        let server = try SMTPTestServer(directory: directory, certificates: certificates, extraArguments: ["--fail-first", "1"])
        defer { server.stop() }
        let transport = try transport(port: server.port)
        await #expect(throws: MailError.transient("the mail server said: 451 4.3.0 Try again later")) {
            try await transport.send(message())
        }
        try await transport.send(message())
        #expect(try await server.waitForMessages(1).count == 1)
    }

    @Test func nobodyListeningIsTransient() async throws {
        let port = try SMTPTestServer(directory: directory, certificates: certificates).port  // started, then stopped
        try await Task.sleep(for: .milliseconds(100))
        do {
            try await transport(port: port).send(message())
            Issue.record("sent to nobody")
        } catch {
            guard case .transient? = error as? MailError else { Issue.record("\(error)"); return }
        }
    }

    @Test func setupErrorsAreOneLine() throws {
        let loose = directory.file("loose-password")
        FileManager.default.createFile(atPath: loose, contents: Data("x".utf8), attributes: [.posixPermissions: 0o644])
        #expect(throws: MailSetupError.self) { try MailTransportOptions(url: "smtp://u@127.0.0.1:1", passwordFile: loose).makeTransport() }
        #expect(throws: MailSetupError.self) { try MailTransportOptions(url: "smtp://u:secret@127.0.0.1:1").makeTransport() }
        #expect(throws: MailSetupError.self) { try MailTransportOptions(url: "gopher://x").makeTransport() }
        #expect(throws: MailSetupError.self) { try MailTransportOptions(url: "smtp://u@127.0.0.1:1").makeTransport() }
        #expect(MailSender("nobody") == nil)
        #expect(MailSender("Clinic Care Team <care@clinic.example>")?.address == "care@clinic.example")
    }
}
