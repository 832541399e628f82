import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// `ecm patients add|update|show` on a local store, with the built binary: one option per field
/// of the member record, only what is named changes, an empty value clears, and a refused value
/// writes nothing.
struct PatientsCommandTests {
    let directory: TemporaryDirectory
    let ecm: Command

    init() throws {
        directory = try TemporaryDirectory()
        ecm = Command(product: "ecm", environment: ["ECM_STORE": directory.file("ecm.sqlite"), "HOME": directory.path])
        try #require(try ecm.run(["init"]).status == 0)
        try #require(try ecm.run(["users", "add", "--name", "Jane Coordinator"]).stdout == "1\n")
    }

    func patient(_ id: Int) throws -> [String: Any] {
        let shown = try ecm.run(["patients", "show", String(id), "--json"])
        return try #require(try shown.jsonObject()["patient"] as? [String: Any], "\(shown.stderr)")
    }

    @Test func everyFieldOfTheRecordHasItsOption() throws {
        defer { directory.remove() }
        let help = try ecm.run(["patients", "add", "--help"]).stdout
        for field in MemberField.allCases {
            #expect(help.contains("--" + field.rawValue.replacingOccurrences(of: "_", with: "-") + " "), "\(field)")
        }
    }

    @Test func addThenUpdateFieldByFieldAndClearWithAnEmptyValue() throws {
        defer { directory.remove() }
        let added = try ecm.run([
            "patients", "add", "--name", "José Núñez", "--dob", "1950-03-14", "--cin", "91234567a", "--phone", "(916) 555-0147",
            "--ecm-status", "enrolled", "--enrollment-start", "01-05-2026", "--homeless", "N", "--lead-care-manager-id", "1",
        ])
        #expect(added.status == 0 && added.stdout == "1\n", "\(added.stderr)")
        var jose = try patient(1)
        #expect(jose["cin"] as? String == "91234567A" && jose["phone"] as? String == "9165550147")
        #expect(jose["enrollment_start"] as? String == "2026-01-05" && jose["homeless"] as? Bool == false)

        let updated = try ecm.run(["patients", "update", "1", "--phone", "", "--acuity", "medium"])
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(updated.stdout.hasPrefix("Patient 1: José Núñez\nDate of birth: 1950-03-14\n"))
        #expect(updated.stdout.contains("CIN: 91234567A\n") && updated.stdout.contains("Acuity: medium") && !updated.stdout.contains("Phone"))
        jose = try patient(1)
        #expect(jose["phone"] is NSNull && jose["acuity"] as? String == "medium" && jose["cin"] as? String == "91234567A")
        #expect(jose["name"] as? String == "José Núñez" && jose["date_of_birth"] as? String == "1950-03-14")
    }

    @Test func aRefusedValueWritesNothingAndEveryMessageIsALine() throws {
        defer { directory.remove() }
        try #require(try ecm.run(["patients", "add", "--name", "Ana Pérez", "--cin", "91234567A"]).status == 0)
        let bad = try ecm.run(["patients", "add", "--name", "Bo Li", "--cin", "1234", "--address-state", "Calif", "--ecm-status", "gone"])
        #expect(bad.status == 1 && bad.stdout.isEmpty)
        #expect(bad.stderr == "ecm: CIN is invalid\necm: Address state is invalid\necm: ECM status is not included in the list\n")
        let json = try ecm.run(["patients", "add", "--name", "Bo Li", "--cin", "91234567A", "--json"])
        #expect(json.status == 1)
        #expect(try json.jsonObject()["errors"] as? [String] == ["CIN has already been taken"])
        let rules = try ecm.run(["patients", "update", "1", "--ecm-status", "discontinued", "--phone", "555"])
        #expect(rules.status == 1 && rules.stderr == "ecm: Phone is invalid\n")
        let across = try ecm.run(["patients", "update", "1", "--ecm-status", "discontinued"])
        #expect(across.status == 1)
        #expect(across.stderr == "ecm: Enrollment start can't be blank\necm: Enrollment end can't be blank\necm: Discontinuation reason can't be blank\n")
        let nothing = try ecm.run(["patients", "update", "1"])
        #expect(nothing.status == 1 && nothing.stderr == "ecm: Give at least one field to change (see --help)\n")
        let list = try ecm.run(["patients", "list", "--json"]).jsonObject()
        #expect((list["pagination"] as? [String: Int])?["total_count"] == 1)
        #expect(try patient(1)["ecm_status"] is NSNull)
        #expect(try ecm.run(["patients", "update", "7", "--acuity", "low"]).status == 3)
    }

    @Test func theListTellsNamesakesApartByBirthCINAndStatus() throws {
        defer { directory.remove() }
        for (dob, cin, status) in [("1950-03-14", "91234567A", "enrolled"), ("1961-07-04", "98765432B", "outreach")] {
            var arguments = ["patients", "add", "--name", "Aram Petrosyan", "--dob", dob, "--cin", cin, "--ecm-status", status]
            if status == "enrolled" { arguments += ["--enrollment-start", "2026-01-05"] }
            let added = try ecm.run(arguments)
            try #require(added.status == 0, "\(added.stderr)")
        }
        let list = try ecm.run(["patients", "list", "--search", "aram"])
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("CIN") == true && lines.first?.contains("STATUS") == true)
        let rows = lines.filter { $0.hasSuffix("Aram Petrosyan") }
        #expect(rows.count == 2, "\(list.stdout)")
        #expect(rows.contains { $0.contains("1950-03-14") && $0.contains("91234567A") && $0.contains("enrolled") })
        #expect(rows.contains { $0.contains("1961-07-04") && $0.contains("98765432B") && $0.contains("outreach") })
        // By the CIN's end, one of them.
        let one = try ecm.run(["patients", "list", "--search", "432b"]).stdout
        #expect(one.contains("98765432B") && !one.contains("91234567A"), "\(one)")
    }
}
