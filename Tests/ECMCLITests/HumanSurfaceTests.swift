import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// What people type and read in the CLI (issue 9): local times, the API's status words, plain errors.
struct HumanSurfaceTests {
    let directory: TemporaryDirectory
    let ecm: Command

    init() throws {
        directory = try TemporaryDirectory()
        ecm = Command(
            product: "ecm",
            environment: ["ECM_STORE": directory.file("ecm.sqlite"), "HOME": directory.path, "TZ": "America/Los_Angeles"])
        try #require(ecm.run(["init"]).status == 0)
        try #require(ecm.run(["users", "add", "--name", "Rosa Villanueva"]).stdout == "1\n")
        try #require(ecm.run(["patients", "add", "--name", "Jesús Núñez", "--dob", "1950-03-14"]).stdout == "1\n")
    }

    private func visit(_ bookedAt: String) throws -> Command.Result {
        try ecm.run([
            "activities", "create", "--patient", "1", "--type", "in_person_appointment", "--assigned-to", "1",
            "--booked-at", bookedAt, "--occurred-at", "2026-12-01 09:30",
        ])
    }

    @Test func aTimeTypedWithoutAnOffsetIsTheUsersLocalTimeAndIsShownNamingItsZone() throws {
        defer { directory.remove() }
        let created = try visit("2026-12-08 14:00")
        #expect(created.status == 0, "\(created.stderr)")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let json = try ecm.run(["activities", "show", "--patient", "1", id, "--json"]).jsonObject()
        let activity = try #require(json["activity"] as? [String: Any])
        // 14:00 in Los Angeles in December (UTC−8) is 22:00Z; the JSON stays the API's UTC.
        #expect(activity["booked_at"] as? String == "2026-12-08T22:00:00.000Z")
        #expect(activity["occurred_at"] as? String == "2026-12-01T17:30:00.000Z")
        let shown = try ecm.run(["activities", "show", "--patient", "1", id]).stdout
        #expect(shown.contains("Booked         2026-12-08 14:00 PST"), "\(shown)")
        #expect(shown.contains("Occurred       2026-12-01 09:30 PST"), "\(shown)")
        let summer = try visit("2026-07-08 14:00")
        let july = try ecm.run(["activities", "show", "--patient", "1", summer.stdout.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(july.stdout.contains("Booked         2026-07-08 14:00 PDT"), "\(july.stdout)")
        let table = try ecm.run(["activities", "list", "--patient", "1"]).stdout
        #expect(table.contains("2026-12-01 09:30 PST"), "\(table)")
    }

    @Test func anExplicitOffsetIsKeptAsTyped() throws {
        defer { directory.remove() }
        let created = try visit("2026-12-08T14:00:00Z")
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let activity = try #require(try ecm.run(["activities", "show", "--patient", "1", id, "--json"]).jsonObject()["activity"] as? [String: Any])
        #expect(activity["booked_at"] as? String == "2026-12-08T14:00:00.000Z")
    }

    @Test func aTimeThatIsNotOneIsTheValidatorsMessage() throws {
        defer { directory.remove() }
        let created = try visit("next tuesday")
        #expect(created.status == 1)
        #expect(created.stderr.hasPrefix("ecm: Booked at"), "\(created.stderr)")
    }

    @Test(arguments: [["activities", "list", "--patient", "1", "--status", "open"], ["queue", "--status", "done"]])
    func anUnknownStatusWordIsAUsageErrorNamingTheAPIsWords(arguments: [String]) throws {
        defer { directory.remove() }
        let result = try ecm.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'created', 'complete'"), "\(result.stderr)")
        #expect(result.stderr.contains("'cancelled'"), "\(result.stderr)")
    }

    @Test func theTablesCommentCountColumnIsCalledComments() throws {
        defer { directory.remove() }
        let created = try ecm.run(["activities", "create", "--patient", "1", "--type", "note", "--assigned-to", "1", "--body", "Doing well"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try ecm.run(["comments", "add", "--patient", "1", "--activity", id, "--body", "ok"]).status == 0)
        let header = try #require(try ecm.run(["activities", "list", "--patient", "1"]).stdout.split(separator: "\n").first)
        #expect(header.contains("COMMENTS"))
        #expect(!header.contains("NOTES"))
    }

    @Test func anUnknownActingUserIsNamed() throws {
        defer { directory.remove() }
        let result = try ecm.run(["--as", "99", "activities", "list", "--patient", "1"])
        #expect(result.status == 4)
        #expect(result.stderr == "ecm: No user 99\n")
        var viaEnvironment = ecm
        viaEnvironment.environment["ECM_USER"] = "99"
        let json = try viaEnvironment.run(["activities", "list", "--patient", "1", "--json"])
        #expect(json.status == 4)
        #expect(try json.jsonObject()["errors"] as? [String] == ["No user 99"])
    }

    @Test func aCommentBodyOfADashIsReadFromStdin() throws {
        defer { directory.remove() }
        let created = try ecm.run(["activities", "create", "--patient", "1", "--type", "note", "--assigned-to", "1", "--body", "Doing well"])
        let id = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let added = try ecm.run(["comments", "add", "--patient", "1", "--activity", id, "--body", "-"], stdin: "Left voicemail\nwill call back\n")
        #expect(added.status == 0, "\(added.stderr)")
        let comments = try ecm.run(["comments", "list", "--patient", "1", "--activity", id, "--json"]).jsonObject()
        let bodies = (comments["comments"] as? [[String: Any]])?.compactMap { $0["body"] as? String }
        #expect(bodies == ["Left voicemail\nwill call back"])
    }
}
