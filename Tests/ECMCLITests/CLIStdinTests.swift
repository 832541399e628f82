import ECMTestSupport
import Foundation
import Testing

/// Request bodies piped to the built `ecm` binary: what is acknowledged is exactly what is stored.
struct CLIStdinTests {
    let directory: TemporaryDirectory
    let ecm: Command

    init() throws {
        directory = try TemporaryDirectory()
        ecm = Command(product: "ecm", environment: ["ECM_STORE": directory.file("ecm.sqlite"), "HOME": directory.path])
        try #require(ecm.run(["init"]).status == 0)
        try #require(ecm.run(["users", "add", "--name", "Jane Coordinator"]).stdout == "1\n")
        try #require(ecm.run(["patients", "add", "--name", "José Núñez"]).stdout == "1\n")
    }

    /// The patient's activities as the CLI lists them.
    private func activities() throws -> [[String: Any]] {
        try #require(try ecm.run(["activities", "list", "--patient", "1", "--json"]).jsonObject()["activities"] as? [[String: Any]])
    }

    @Test func aNullCharacterOnStdinIsRefusedInCreateAndUpdate() throws {
        defer { directory.remove() }
        let create = try ecm.run(
            ["activities", "create", "--patient", "1"],
            stdin: #"{"activity": {"activity_type": "note", "assigned_to_id": 1, "body": "before\u0000after"}}"#)
        #expect(create.status == 1)
        #expect(create.stderr == "ecm: Body contains a null character\n")
        #expect(try activities().isEmpty)

        let made = try ecm.run(["activities", "create", "--patient", "1", "--type", "note", "--assigned-to", "1", "--body", "Kept", "--json"])
        let id = try #require((try made.jsonObject()["activity"] as? [String: Any])?["id"] as? Int)
        let update = try ecm.run(
            ["activities", "update", "--patient", "1", String(id), "--json"],
            stdin: #"{"activity": {"subject": "a\u0000", "body": "before\u0000after"}}"#)
        #expect(update.status == 1)
        #expect(try update.jsonObject()["errors"] as? [String] == ["Body contains a null character", "Subject contains a null character"])
        #expect(try activities().map { $0["body"] as? String } == ["Kept"])
    }

    @Test func theLastOfDuplicateKeysOnStdinIsStored() throws {
        defer { directory.remove() }
        let create = try ecm.run(
            ["activities", "create", "--patient", "1", "--json"],
            stdin: #"{"activity": {"activity_type": "note", "assigned_to_id": 1, "body": "first", "body": "last"}}"#)
        #expect(create.status == 0, "\(create.stderr)")
        #expect(try activities().map { $0["body"] as? String } == ["last"])
    }
}
