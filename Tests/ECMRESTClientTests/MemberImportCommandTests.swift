import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// Members' records from the command lines, on real stores (a SQLite file, a PostgreSQL
/// database) with the built binaries: `ecm-server patients import` adds a whole member file or
/// nothing, naming each bad row; `ecm-server patients add|update` and `ecm patients add|update`
/// over a live server set the record field by field.
@Suite(.serialized)
struct MemberImportCommandTests {
    enum Store: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static var stores: [Store] { TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    /// A store with one coordinator, and a folder for member files.
    struct Setting {
        let location: String
        let directory: TemporaryDirectory
        let token: String
        let cleanUp: @Sendable () -> Void

        init(_ kind: Store) async throws {
            directory = try TemporaryDirectory()
            switch kind {
            case .sqlite:
                location = directory.file("server.sqlite")
                cleanUp = {}
            case .postgres:
                let database = try await TestPostgres.createDatabase()
                location = database.url
                cleanUp = { database.drop() }
            }
            let added = try Command(product: "ecm-server", environment: ["ECM_SERVER_DB": location]).run(["users", "add", "--name", "Maria Hernández"])
            try #require(added.status == 0, "\(added.stderr)")
            token = try #require(added.stdout.split(separator: "\n").last.map(String.init))
        }

        var admin: Command { Command(product: "ecm-server", environment: ["ECM_SERVER_DB": location]) }

        func file(_ name: String, _ text: String) throws -> String {
            let path = directory.file(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }

        func ecm(_ server: LiveServer) -> Command {
            Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": token, "HOME": directory.path])
        }

        /// Every patient the coordinator's clinic has, by name, as `ecm patients list` reads them.
        func patients() throws -> [[String: Any]] {
            let server = try LiveServer(database: location)
            defer { server.stop() }
            let list = try ecm(server).run(["patients", "list", "--per-page", "100", "--sort", "name", "--json"])
            return try #require(try list.jsonObject()["patients"] as? [[String: Any]], "\(list.stderr)")
        }

        func remove() {
            cleanUp()
            directory.remove()
        }
    }

    static let goodFile = """
        \u{FEFF}First Name,Last Name,DOB,CIN,Phone,Homeless,ECM Status,Enrollment Start,Address Street,Address City,address_state,address_zip\r
        José,Núñez,03-14-1950,91234567a,(916) 555-0147,N,enrolled,01/05/2026,"1500 Capitol Ave, Apt 3",Sacramento,ca,95814\r
        秀英,王,1948-07-02,92345678B,,Y,outreach,,,,,\r
        \"Hoa \"\"Rose\"\"\",Nguyễn Thị,,,916.555.0199,,,,,,,\r
        \r

        """

    @Test(arguments: Self.stores) func aGoodFileAddsEveryMemberWithTheirRecord(_ kind: Store) async throws {
        let setting = try await Setting(kind)
        defer { setting.remove() }
        let imported = try setting.admin.run(["patients", "import", try setting.file("members.csv", Self.goodFile)])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported 3 patients into clinic 1 in "))
        #expect(imported.stderr.isEmpty, "no progress bar without a terminal")
        let patients = try setting.patients()
        #expect(patients.map { $0["name"] as? String } == ["Hoa \"Rose\" Nguyễn Thị", "José Núñez", "秀英 王"])
        let jose = try #require(patients.first { $0["name"] as? String == "José Núñez" })
        #expect(jose["date_of_birth"] as? String == "1950-03-14")
        #expect(jose["cin"] as? String == "91234567A" && jose["phone"] as? String == "9165550147")
        #expect(jose["homeless"] as? Bool == false && jose["ecm_status"] as? String == "enrolled")
        #expect(jose["enrollment_start"] as? String == "2026-01-05" && jose["address_street"] as? String == "1500 Capitol Ave, Apt 3")
        #expect(jose["address_state"] as? String == "CA" && jose["address_zip"] as? String == "95814")
        // Each member added is audited as the import's, without a user.
        let export = try setting.admin.run(["audit", "export", "--patient", String(try #require(jose["id"] as? Int))])
        #expect(export.stdout.split(separator: "\n").dropFirst().first?.contains(",create,") == true, "\(export.stdout)")
        #expect(export.stdout.contains("ecm-server patients import"))

        // The same file again: every CIN is taken, nothing is added.
        let again = try setting.admin.run(["patients", "import", setting.directory.file("members.csv")])
        #expect(again.status == 1)
        #expect(again.stderr == """
            ecm-server: row 2: CIN has already been taken
            ecm-server: row 3: CIN has already been taken
            ecm-server: nothing imported

            """)
        #expect(try setting.patients().count == 3)
    }

    @Test(arguments: Self.stores) func aFileWithOneBadRowChangesNothingAndNamesThatRow(_ kind: Store) async throws {
        let setting = try await Setting(kind)
        defer { setting.remove() }
        let bad = try setting.file("bad.csv", """
            name,dob,cin,ecm_status,lead_care_manager_id
            Ana Pérez,1961-07-04,91234567A,outreach,1
            Bo Li,1970-01-01,1234567A,outreach,1
            Cy Doe,1980-05-05,93456789C,,

            """)
        let refused = try setting.admin.run(["patients", "import", bad])
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr == "ecm-server: row 3: CIN is invalid\necm-server: nothing imported\n")
        #expect(try setting.patients().isEmpty)

        // Every bad row at once: a CIN twice in the file, rules across fields, a stranger as lead.
        let several = try setting.file("several.csv", """
            name,cin,ecm_status,enrollment_start,enrollment_end,lead_care_manager_id
            Ana Pérez,91234567A,outreach,,,
            Bo Li,91234567A,discontinued,2026-02-01,2026-01-01,
            Cy Doe,,,,,99
            Di Roe,,,

            """)
        let all = try setting.admin.run(["patients", "import", several])
        #expect(all.status == 1)
        #expect(all.stderr == """
            ecm-server: row 3: Enrollment end must be on or after enrollment start
            ecm-server: row 3: Discontinuation reason can't be blank
            ecm-server: row 3: CIN has already been taken (row 2 has it)
            ecm-server: row 4: Lead care manager must exist
            ecm-server: row 5: has 4 fields where the header has 6
            ecm-server: nothing imported

            """)
        #expect(try setting.patients().isEmpty)

        let elsewhere = try setting.admin.run(["patients", "import", "--clinic", "9", try setting.file("one.csv", "name\nAna\n")])
        #expect(elsewhere.status == 1 && elsewhere.stderr == "ecm-server: Clinic must exist\necm-server: nothing imported\n")
        let latin1 = setting.directory.file("latin1.csv")
        try Data([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x4A, 0x6F, 0x73, 0xE9, 0x0A]).write(to: URL(fileURLWithPath: latin1))
        let notUTF8 = try setting.admin.run(["patients", "import", latin1])
        #expect(notUTF8.status == 1 && notUTF8.stderr == "ecm-server: row 2: not UTF-8 text (save the file as CSV UTF-8)\necm-server: nothing imported\n")
        let unknown = try setting.admin.run(["patients", "import", try setting.file("unknown.csv", "name,Member ID\nAna,1\n")])
        #expect(unknown.status == 1 && unknown.stderr.hasPrefix("ecm-server: row 1: unknown column \"Member ID\" (the columns are name, "))
    }

    @Test(arguments: Self.stores) func bothCommandLinesAddAndChangeARecordFieldByField(_ kind: Store) async throws {
        let setting = try await Setting(kind)
        defer { setting.remove() }
        let added = try setting.admin.run(["patients", "add", "--name", "José Núñez", "--dob", "1950-03-14", "--cin", "91234567a", "--acuity", "High"])
        #expect(added.status == 0 && added.stdout == "1\n", "\(added.stderr)")
        let badPhone = try setting.admin.run(["patients", "add", "--name", "Other", "--cin", "91234567A", "--phone", "12"])
        #expect(badPhone.status == 1 && badPhone.stderr == "ecm-server: Phone is invalid\n")
        let takenCIN = try setting.admin.run(["patients", "add", "--name", "Other", "--cin", "91234567A"])
        #expect(takenCIN.status == 1 && takenCIN.stderr == "ecm-server: CIN has already been taken\n")
        let updated = try setting.admin.run(["patients", "update", "1", "--ecm-status", "enrolled", "--enrollment-start", "01-05-2026"])
        #expect(updated.status == 0 && updated.stdout == "patient 1 updated\n", "\(updated.stderr)")
        #expect(try setting.admin.run(["patients", "update", "9", "--acuity", "low"]).status == 3)

        let server = try LiveServer(database: setting.location)
        defer { server.stop() }
        let ecm = setting.ecm(server)
        let created = try ecm.run(["patients", "add", "--name", "Ana Pérez", "--phone", "916-555-0147", "--homeless", "y", "--lead-care-manager-id", "1"])
        #expect(created.status == 0 && created.stdout == "2\n", "\(created.stderr)")
        let changed = try ecm.run(["patients", "update", "2", "--phone", "", "--preferred-language", "Spanish", "--json"])
        let patient = try #require(try changed.jsonObject()["patient"] as? [String: Any], "\(changed.stderr)")
        #expect(patient["phone"] is NSNull, "an empty value clears")
        #expect(patient["preferred_language"] as? String == "Spanish" && patient["homeless"] as? Bool == true)
        #expect(patient["lead_care_manager_id"] as? Int == 1 && patient["name"] as? String == "Ana Pérez")

        let refused = try ecm.run(["patients", "update", "2", "--cin", "91234567", "--acuity", "extreme", "--preferred-language", "Tagalog"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "ecm: CIN is invalid\necm: Acuity is not included in the list\n")
        let shown = try ecm.run(["patients", "show", "2"])
        #expect(shown.stdout.contains("Preferred language: Spanish\n") && !shown.stdout.contains("CIN"), "nothing written: \(shown.stdout)")
        let jose = try ecm.run(["patients", "show", "1"]).stdout
        #expect(jose.contains("CIN: 91234567A\n") && jose.contains("ECM status: enrolled\n") && jose.contains("Enrollment start: 2026-01-05\n"))
        #expect(jose.contains("Acuity: high"))
    }
}
