import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// The built `ecm` binary, run as a subprocess against a store in a temporary folder.
struct CLITests {
    let directory: TemporaryDirectory
    let ecm: Command
    let store: String

    init() throws {
        directory = try TemporaryDirectory()
        store = directory.file("ecm.sqlite")
        ecm = Command(product: "ecm", environment: ["ECM_STORE": store, "HOME": directory.path])
    }

    /// A store with one coordinator (id 1), a colleague (id 2) and one patient (id 1).
    private func seeded() throws {
        try #require(ecm.run(["init"]).status == 0)
        try #require(ecm.run(["users", "add", "--name", "Jane Coordinator"]).stdout == "1\n")
        try #require(ecm.run(["users", "add", "--name", "Bob Manager"]).stdout == "2\n")
        try #require(ecm.run(["patients", "add", "--name", "José Núñez", "--dob", "1950-03-14"]).stdout == "1\n")
    }

    static let listItemKeys: Set<String> = [
        "id", "activity_type", "status", "message", "subject", "body", "occurred_at", "patient_id", "patient_name",
        "performed_by_id", "performed_by_name", "assigned_to_id", "assigned_to_name", "parent_id", "comments_count",
        "created_at", "updated_at",
    ]

    static let detailKeys: Set<String> = [
        "id", "activity_type", "status", "message", "subject", "body", "occurred_at", "booked_at", "email_to",
        "transcript", "patient_id", "patient_name", "performed_by_id", "performed_by_name", "assigned_to_id",
        "assigned_to_name", "parent_id", "blocked_by_id", "blocking_id", "voice_call_id", "text_message_id",
        "comments", "subtasks", "event", "created_at", "updated_at",
    ]

    @Test func demoDataThenListAndShowPrintTheAPIsShapes() throws {
        defer { directory.remove() }
        let other = Command(product: "ecm", environment: ["HOME": directory.path])
        let demo = try other.run(["--store", store, "demo-data", "--patients", "50"])
        #expect(demo.status == 0, "\(demo.stderr)")
        let list = try other.run(["--store", store, "activities", "list", "--patient", "7", "--json"])
        #expect(list.status == 0)
        let body = try list.jsonObject()
        #expect(Set(body.keys) == ["activities", "pagination"])
        let pagination = try #require(body["pagination"] as? [String: Int])
        #expect(pagination == ["current_page": 1, "total_pages": 2, "total_count": 40, "per_page": 25])
        let items = try #require(body["activities"] as? [[String: Any]])
        #expect(items.count == 25)
        let first = try #require(items.first)
        #expect(Self.listItemKeys.isSubset(of: Set(first.keys)))
        #expect((first["occurred_at"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        let id = try #require(first["id"] as? Int)
        let show = try other.run(["--store", store, "activities", "show", "--patient", "7", String(id), "--json"])
        let detail = try #require(try show.jsonObject()["activity"] as? [String: Any])
        #expect(Self.detailKeys.isSubset(of: Set(detail.keys)))
        let event = try #require(detail["event"] as? [String: Any])
        #expect(event["event_type"] as? String == first["activity_type"] as? String)
        #expect(event["status"] as? String == first["status"] as? String)
    }

    @Test func aTaskWithNeitherMessageNorAssigneePrintsBothMessagesAndExits1() throws {
        defer { directory.remove() }
        try seeded()
        let plain = try ecm.run(["activities", "create", "--patient", "1", "--type", "task"])
        #expect(plain.status == 1)
        #expect(plain.stderr == "ecm: Message can't be blank\necm: Assigned to can't be blank\n")
        #expect(plain.stdout.isEmpty)
        let json = try ecm.run(["activities", "create", "--patient", "1", "--type", "task", "--json"])
        #expect(json.status == 1)
        #expect(try json.jsonObject()["errors"] as? [String] == ["Message can't be blank", "Assigned to can't be blank"])
        #expect(try ecm.run(["activities", "list", "--patient", "1", "--json"]).jsonObject()["activities"] as? [Any] != nil)
        #expect(try (ecm.run(["activities", "list", "--patient", "1", "--json"]).jsonObject()["activities"] as? [Any])?.isEmpty == true)
    }

    @Test func createFromARequestBodyOnStdinThenUpdateAndDelete() throws {
        defer { directory.remove() }
        try seeded()
        let request = """
            {"activity": {"activity_type": "in_person_appointment", "assigned_to_id": 2,
              "booked_at": "2024-12-01T14:00:00.000Z", "subject": "Monthly Check-in",
              "body": "Monthly in-person check-in with patient and family"}}
            """
        let created = try ecm.run(["activities", "create", "--patient", "1", "--json"], stdin: request)
        #expect(created.status == 0, "\(created.stderr)")
        let activity = try #require(try created.jsonObject()["activity"] as? [String: Any])
        #expect(activity["booked_at"] as? String == "2024-12-01T14:00:00.000Z")
        #expect(activity["performed_by_name"] as? String == "Jane Coordinator")
        #expect(activity["assigned_to_name"] as? String == "Bob Manager")
        let id = String(try #require(activity["id"] as? Int))

        let updated = try ecm.run(["activities", "update", "--patient", "1", id, "--status", "complete", "--subject", "", "--json"])
        let after = try #require(try updated.jsonObject()["activity"] as? [String: Any])
        #expect(after["status"] as? String == "complete")
        #expect(after["subject"] is NSNull)
        #expect((after["event"] as? [String: Any])?["status"] as? String == "complete")

        let deleted = try ecm.run(["activities", "delete", "--patient", "1", id])
        #expect(deleted.status == 0 && deleted.stdout.isEmpty)
        let gone = try ecm.run(["activities", "show", "--patient", "1", id])
        #expect(gone.status == 3)
        #expect(gone.stderr == "ecm: Activity not found\n")
    }

    @Test func flagsTakeTheAppointmentTimeAsPeopleWriteIt() throws {
        defer { directory.remove() }
        try seeded()
        let created = try ecm.run([
            "activities", "create", "--patient", "1", "--type", "in_person_appointment", "--assigned-to", "1",
            "--booked-at", "2024-12-01 14:00", "--json",
        ])
        let activity = try #require(try created.jsonObject()["activity"] as? [String: Any])
        #expect(activity["booked_at"] as? String == "2024-12-01T14:00:00.000Z")
        let wrong = try ecm.run(["activities", "create", "--patient", "1", "--type", "task", "--message", "m", "--assigned-to", "abc"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "ecm: Assigned to is not a number\n")
    }

    @Test func badInputGetsOneClearLineAndTheDocumentedExitCode() throws {
        defer { directory.remove() }
        try seeded()
        let malformed = try ecm.run(["activities", "create", "--patient", "1"], stdin: "{\"activity\": ")
        #expect(malformed.status == 1)
        #expect(malformed.stderr == "ecm: Request body is not valid JSON\n")
        let missing = try ecm.run(["activities", "create", "--patient", "1"], stdin: "{\"note\": {}}")
        #expect(missing.stderr == "ecm: param is missing or the value is empty: activity\n")
        let noPatient = try ecm.run(["activities", "list", "--patient", "99"])
        #expect(noPatient.status == 3 && noPatient.stderr == "ecm: Patient not found\n")
        let noPatientJSON = try ecm.run(["activities", "list", "--patient", "99", "--json"])
        #expect(try noPatientJSON.jsonObject()["errors"] as? [String] == ["Patient not found"])
        let usage = try ecm.run(["activities", "list"])
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("--patient"))
        let badPage = try ecm.run(["activities", "list", "--patient", "1", "--page", "0"])
        #expect(badPage.status == 1 && badPage.stderr == "ecm: Page must be greater than or equal to 1\n")
        let stranger = try ecm.run(["--as", "77", "activities", "list", "--patient", "1"])
        #expect(stranger.status == 4)
        #expect(stranger.stderr == "ecm: No user 77\n")
    }

    @Test func aFileThatIsNotAStoreIsRefusedAndLeftUntouched() throws {
        defer { directory.remove() }
        let path = directory.file("thesis.docx")
        let original = Data("PK\u{3}\u{4} not a database".utf8)
        try original.write(to: URL(fileURLWithPath: path))
        for arguments in [["init"], ["demo-data", "--patients", "1"], ["patients", "list"]] {
            let result = try ecm.run(["--store", path] + arguments)
            #expect(result.status == 5)
            #expect(result.stderr.contains("is not an ecm store"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        let none = try ecm.run(["--store", directory.file("nothing.sqlite"), "patients", "list"])
        #expect(none.status == 5)
        #expect(none.stderr.contains("ecm init"))
    }

    @Test func usersPatientsCommentsAndQueue() throws {
        defer { directory.remove() }
        try seeded()
        let users = try ecm.run(["users", "list", "--json"]).jsonObject()
        #expect((users["users"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Bob Manager", "Jane Coordinator"])
        _ = try ecm.run(["patients", "add", "--name", "Nguyễn Thị Hoa"])
        let found = try ecm.run(["patients", "list", "--search", "nunez", "--json"]).jsonObject()
        #expect((found["patients"] as? [[String: Any]])?.first?["name"] as? String == "José Núñez")
        #expect((found["pagination"] as? [String: Int])?["total_count"] == 1)
        let badDOB = try ecm.run(["patients", "add", "--name", "X", "--dob", "1950-02-30"])
        #expect(badDOB.status == 1 && badDOB.stderr == "ecm: Date of birth is invalid\n")

        let task = try ecm.run(["activities", "create", "--patient", "2", "--type", "task", "--message", "Call pharmacy", "--assigned-to", "1"])
        let taskID = task.stdout.trimmingCharacters(in: .newlines)
        let comment = try ecm.run(["comments", "add", "--patient", "2", "--activity", taskID, "--body", "Left voicemail", "--json"])
        let body = try #require(try comment.jsonObject()["comment"] as? [String: Any])
        #expect(body["user_name"] as? String == "Jane Coordinator")
        #expect(body["body"] as? String == "Left voicemail")
        let blank = try ecm.run(["comments", "add", "--patient", "2", "--activity", taskID, "--body", "  "])
        #expect(blank.status == 1 && blank.stderr == "ecm: Body can't be blank\n")

        let queue = try ecm.run(["queue", "--json"]).jsonObject()
        let items = try #require(queue["activities"] as? [[String: Any]])
        #expect(items.map { $0["message"] as? String } == ["Call pharmacy"])
        #expect(items.first?["comments_count"] as? Int == 1)
        let bobsQueue = try ecm.run(["--as", "2", "queue", "--json"]).jsonObject()
        #expect((bobsQueue["activities"] as? [Any])?.isEmpty == true)
        let table = try ecm.run(["queue"])
        #expect(table.stdout.contains("Nguyễn Thị Hoa · Call pharmacy"))

        // New for me: nothing before the first look; then what Bob gives Jane, until she looks.
        #expect((try ecm.run(["queue", "--new", "--json"]).jsonObject()["activities"] as? [Any])?.isEmpty == true)
        #expect(try ecm.run(["queue", "--look"]).status == 0)
        _ = try ecm.run(["--as", "2", "activities", "create", "--patient", "2", "--type", "task", "--message", "From Bob", "--assigned-to", "1"])
        let fresh = try #require(try ecm.run(["queue", "--new", "--json"]).jsonObject()["activities"] as? [[String: Any]])
        #expect(fresh.map { $0["message"] as? String } == ["From Bob"])
        #expect(fresh.first?["assigned_by_id"] as? Int == 2)
        #expect(try ecm.run(["queue", "--new", "--look"]).stdout.contains("From Bob"))
        #expect((try ecm.run(["queue", "--new", "--json"]).jsonObject()["activities"] as? [Any])?.isEmpty == true)
    }

    @Test func twoProcessesWritingTheSameStoreAtOnceLoseNothing() async throws {
        defer { directory.remove() }
        try seeded()
        let perProcess = 25
        let ecm = self.ecm
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    for n in 0..<perProcess {
                        let result = try ecm.run([
                            "activities", "create", "--patient", "1", "--type", "note", "--body", "Writer \(writer) note \(n)",
                            "--assigned-to", "1",
                        ])
                        #expect(result.status == 0, "\(result.stderr)")
                    }
                }
            }
            try await group.waitForAll()
        }
        let list = try ecm.run(["activities", "list", "--patient", "1", "--json"]).jsonObject()
        #expect((list["pagination"] as? [String: Int])?["total_count"] == 2 * perProcess)
    }
}
