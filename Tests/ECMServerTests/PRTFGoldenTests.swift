import ECMDomain
import ECMPostgres
import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// The quarter's PRTF file for a seeded demo clinic, on both stores, is the checked-in golden
/// file byte for byte; and Python's `csv` module reads it back to the same cells, names with
/// commas, quotes, accents and CJK included. After a deliberate change of the report or the
/// demo data: `ECM_RECORD_GOLDEN=1 swift test --filter PRTFGoldenTests`, then review the diff.
struct PRTFGoldenTests {
    static let pacific = TimeZone(identifier: "America/Los_Angeles")!
    static let madeAt = Timestamp(iso8601: "2026-10-05T19:00:00Z")!
    static let request = PRTFRequest(
        startDate: CivilDate(year: 2026, month: 7, day: 1)!, endDate: CivilDate(year: 2026, month: 9, day: 30)!, providerNPI: "1234567893",
        providerName: "Sunrise Community Health, Inc.", providerPhone: "9165550100")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/PRTF_1234567893_072026_10052026.csv")

    /// Members whose names a CSV must quote or carry as UTF-8, each called in the quarter.
    static let namesakes: [(name: String, cin: String, last: String, first: String)] = [
        (#"O"Brien, Mary "Mo""#, "90000001A", #"O"Brien"#, #"Mary "Mo""#),
        ("Núñez, Jesús", "90000002B", "Núñez", "Jesús"),
        ("王, 秀英", "90000003C", "王", "秀英"),
        ("Zoë Ångström-Łukasiewicz", "90000004D", "Ångström-Łukasiewicz", "Zoë"),
    ]

    /// The seeded demo clinic and the members above, in a SQLite file.
    static func demoClinic(at path: String) async throws -> AppDatabase {
        let database = try AppDatabase.open(path: path, create: true)
        try DemoDataGenerator(patients: 60, activitiesPerPatient: 30, seed: 14, anchor: madeAt).generate(into: database)
        let backend = StoreBackend(database: database, actingUserID: 1)
        for (index, member) in namesakes.enumerated() {
            let patient = try await backend.createPatient(
                PatientChange(name: member.name, member: MemberChange([.cin: .text(member.cin), .ecmStatus: .text("outreach")])))
            _ = try await backend.createActivity(
                patientID: patient.id,
                input: .json(#"{"activity_type": "call", "voice_call_id": \#(index + 100), "assigned_to_id": 1, "occurred_at": "2026-08-0\#(index + 1)T18:00:00Z", "outcome": "successful", "duration": 12}"#))
        }
        return database
    }

    /// The report made from the store, as the file it downloads as.
    static func file(from store: some PRTFReportStore) async throws -> (PRTFReport, String) {
        let report = try await store.generatePRTFReport(
            request, clinicID: 1, createdBy: 1, zone: pacific, now: madeAt,
            audit: { id in AuditTarget(.create, "prtf_report", resourceID: id).entry(userID: 1, clinicID: 1, context: nil) })
        var text = ""
        try await store.streamPRTFReport(id: report.id, pageSize: 7) { text += $0 }
        return (report, text)
    }

    @Test(arguments: TestAPI.stores) func theDemoClinicsQuarterIsTheGoldenFile(_ kind: TestAPI.Store) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let sqlite = try await Self.demoClinic(at: directory.file("demo.sqlite"))
        let (report, text): (PRTFReport, String)
        switch kind {
        case .sqlite:
            (report, text) = try await Self.file(from: sqlite)
        case .postgres:
            let database = try await TestPostgres.createDatabase()
            defer { database.drop() }
            let postgres = try await PostgresStore.open(
                try PostgresURL(database.url), poolSize: TestPostgres.poolSize, requestDeadline: nil, reachableWithin: TestPostgres.reachableWithin)
            defer { postgres.close() }
            _ = try await StoreCopy(from: sqlite, to: postgres).run(replacing: false)
            (report, text) = try await Self.file(from: postgres)
        }
        #expect(report.filename == Self.golden.lastPathComponent)
        #expect(report.patientCount == text.components(separatedBy: "\r\n").count - 2, "a line a member, and the header")
        if kind == .sqlite, ProcessInfo.processInfo.environment["ECM_RECORD_GOLDEN"] == "1" {
            try text.write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
        if text != expected {
            let actual = text.components(separatedBy: "\r\n"), lines = expected.components(separatedBy: "\r\n")
            let first = zip(actual, lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(actual.count, lines.count)
            Issue.record("\(kind) differs from the golden file at line \(first + 1):\nexpected: \(first < lines.count ? lines[first] : "")\nactual:   \(first < actual.count ? actual[first] : "")")
        }
        #expect(report.patientCount > 20, "the golden file lists a clinic, not a handful")
    }

    @Test func pythonsCSVModuleReadsTheFileBackCellForCell() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (_, text) = try await Self.file(from: try await Self.demoClinic(at: directory.file("demo.sqlite")))
        let path = directory.file("report.csv")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let script = "import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8', errors='strict')))))"
        let result = try Command(executable: "/usr/bin/env").run(["python3", "-c", script, path])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try result.json() as? [[String]])
        #expect(rows.first == PRTFColumn.prtf.map(\.header))
        #expect(rows.allSatisfy { $0.count == PRTFColumn.prtf.count }, "every row has every column")
        let lastName = PRTFColumn.prtf.firstIndex { $0.header == "Member Last Name" }!
        let cin = PRTFColumn.prtf.firstIndex { $0.header == "Member CIN" }!
        for member in Self.namesakes {
            let row = try #require(rows.first { $0[cin] == member.cin }, "\(member.name) is listed")
            #expect(row[lastName] == member.last && row[lastName + 1] == member.first, "\(row)")
            #expect(row[1] == "Sunrise Community Health, Inc.")
            #expect(row[PRTFColumn.prtf.firstIndex { $0.header == "Telephonic/Electronic Outreach Attempts Successful" }!] == "1")
        }
    }
}
