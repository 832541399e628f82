import ECMTestSupport
import Foundation
import Testing

/// `ecm mail list|deliver|retry` on a local store, the built binary as a subprocess.
struct MailCommandTests {
    let directory: TemporaryDirectory
    let ecm: Command

    init() throws {
        directory = try TemporaryDirectory()
        ecm = Command(product: "ecm", environment: ["ECM_STORE": directory.file("ecm.sqlite"), "HOME": directory.path])
        try #require(ecm.run(["init"]).status == 0)
        try #require(ecm.run(["users", "add", "--name", "Jane Coordinator"]).stdout == "1\n")
        try #require(ecm.run(["patients", "add", "--name", "José Núñez"]).stdout == "1\n")
    }

    private func deliveries(_ status: String? = nil) throws -> [[String: Any]] {
        let arguments = ["mail", "list", "--json"] + (status.map { ["--status", $0] } ?? [])
        return try #require(try ecm.run(arguments).jsonObject()["email_deliveries"] as? [[String: Any]])
    }

    @Test func anEmailIsListedPendingThenDeliveredOnceToFiles() throws {
        defer { directory.remove() }
        let created = try ecm.run([
            "activities", "create", "--patient", "1", "--type", "email", "--email-to", "parent@example.com",
            "--subject", "Care plan", "--body", "Dear Parent,\n.\nSee you Tuesday.", "--assigned-to", "1",
        ])
        #expect(created.status == 0 && created.stdout == "1\n")
        // Nothing sends it yet, and the coordinator is told what will.
        #expect(created.stderr == "ecm: email 1 is pending: a local store sends email while the ecm UI is open with --mail-transport, or when ecm mail deliver runs\n")
        #expect(try deliveries().map { $0["status"] as? String } == ["pending"])

        let unconfigured = try ecm.run(["mail", "deliver"])
        #expect(unconfigured.status == 2)
        #expect(unconfigured.stderr == "ecm: no --mail-transport (or ECM_MAIL_TRANSPORT): nothing can be sent\n")

        let outbox = directory.file("out")
        let arguments = ["mail", "deliver", "--mail-transport", "file://" + outbox, "--mail-from", "Clinic Care Team <care@clinic.example>"]
        let delivered = try ecm.run(arguments)
        #expect(delivered.status == 0)
        #expect(delivered.stdout == "Tried 1 message; 0 pending, 0 failed.\n")
        #expect(!delivered.stderr.contains("parent@example.com") && !delivered.stderr.contains("Care plan"), "addresses or subjects in the log")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 1)
        let message = try String(contentsOfFile: outbox + "/" + files[0], encoding: .utf8)
        #expect(message.contains("To: parent@example.com\r\n") && message.contains("Subject: Care plan\r\n"))
        #expect(try deliveries("sent").map { $0["activity_id"] as? Int } == [1])

        // Delivering again sends nothing more.
        #expect(try ecm.run(arguments).stdout == "Tried 0 messages; 0 pending, 0 failed.\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }.count == 1)

        let retry = try ecm.run(["mail", "retry", "1"])
        #expect(retry.status == 1 && retry.stderr == "ecm: Only a failed email can be tried again\n")
        let missing = try ecm.run(["mail", "retry", "99"])
        #expect(missing.status == 3 && missing.stderr == "ecm: Activity not found\n")
        let badStatus = try ecm.run(["mail", "list", "--status", "lost"])
        #expect(badStatus.status == 1 && badStatus.stderr == "ecm: Status is not included in the list\n")
    }
}
