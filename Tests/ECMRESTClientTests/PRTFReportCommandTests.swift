import ECMDomain
import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// `ecm report prtf` as an administrator runs it: on a local store, and over a real ecm-server on
/// 127.0.0.1 (made there, downloaded as it streams), the same file either way, readable by its
/// owner alone; bad dates and a coordinator's token get a one-line error, a non-zero exit and no
/// file.
struct PRTFReportCommandTests {
    /// A demo clinic in a SQLite file, with an administrator's and a coordinator's tokens.
    static func clinic(_ directory: TemporaryDirectory) throws -> (database: String, admin: String, coordinator: String) {
        let database = directory.file("clinic.sqlite")
        let setUp = Command(product: "ecm-server", environment: ["ECM_SERVER_DB": database])
        let admin = try setUp.run(["users", "add", "--name", "Bob Manager", "--role", "admin"])
        try #require(admin.status == 0, "\(admin.stderr)")
        let coordinator = try setUp.run(["users", "add", "--name", "Jane Coordinator"])
        let demo = try setUp.run(["demo-data", "--patients", "40", "--activities-per-patient", "20", "--seed", "3"])
        try #require(demo.status == 0, "\(demo.stderr)")
        func token(_ result: Command.Result) -> String { result.stdout.split(separator: "\n").last.map(String.init) ?? "" }
        return (database, token(admin), token(coordinator))
    }

    /// The last 120 days: the demo clinic's recent work.
    static var period: (from: String, to: String) {
        let today = WallClock.local(.now(), .current).date
        return (CivilDate(daysSinceEpoch: today.daysSinceEpoch - 120).iso8601, today.iso8601)
    }

    static func permissions(_ path: String) throws -> Int {
        ((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }

    @Test func onALocalStoreAndOverAServerTheFileIsTheSame() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (database, admin, _) = try Self.clinic(directory)
        let (from, to) = Self.period
        let arguments = ["report", "prtf", "--from", from, "--to", to, "--npi", "1234567893", "--provider-name", "Sunrise, Inc."]

        var local = Command(product: "ecm", environment: ["ECM_STORE": database, "HOME": directory.path])
        local.currentDirectory = directory.path
        let written = try local.run(arguments + ["--output", "local.csv"])
        #expect(written.status == 0, "\(written.stderr)")
        let localFile = directory.file("local.csv")
        #expect(written.stdout.hasPrefix("Wrote \(localFile): "), "\(written.stdout)")
        #expect(written.stdout.contains("Empty columns (members without a value, of "))
        #expect(try Self.permissions(localFile) == 0o600, "it holds members' records")
        let localText = try String(contentsOfFile: localFile, encoding: .utf8)
        #expect(localText.hasPrefix(CSVLine.make(PRTFColumn.prtf.map(\.header)) + "\r\n"))

        let server = try LiveServer(database: database)
        defer { server.stop() }
        var remote = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": admin, "HOME": directory.path])
        remote.currentDirectory = directory.path
        let json = try remote.run(arguments + ["--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let body = try json.jsonObject()
        #expect(body["message"] as? String == "PRTF report generated successfully")
        let report = try #require(body["prtf_report"] as? [String: Any])
        let filename = try #require(report["filename"] as? String)
        #expect(filename.hasPrefix("PRTF_1234567893_") && filename.hasSuffix(".csv"))
        let remoteFile = directory.file(filename)
        let remoteText = try String(contentsOfFile: remoteFile, encoding: .utf8)
        #expect(remoteText == localText, "made on the server and downloaded, or made here: the same lines")
        #expect(try Self.permissions(remoteFile) == 0o600)
        let members = try #require(report["patient_count"] as? Int)
        #expect(members > 5 && remoteText.components(separatedBy: "\r\n").count == members + 2)
        #expect(written.stdout.contains(": \(members) members, \(from) to \(to)"), "\(written.stdout)")
        // Nothing left beside them: no partial files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".partial") }.isEmpty)
    }

    @Test func badDatesAndACoordinatorGetAnErrorAndNoFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (database, _, coordinator) = try Self.clinic(directory)
        var local = Command(product: "ecm", environment: ["ECM_STORE": database, "HOME": directory.path])
        local.currentDirectory = directory.path
        let backwards = try local.run(["report", "prtf", "--from", "2026-09-30", "--to", "2026-07-01", "--npi", "12"])
        #expect(backwards.status == 1)
        #expect(backwards.stderr == "ecm: End date must be on or after start date\necm: Provider NPI is invalid\n")
        let json = try local.run(["report", "prtf", "--from", "2026-02-30", "--to", "2026-03-01", "--json"])
        #expect(json.status == 1)
        #expect(try json.jsonObject()["errors"] as? [String] == ["Start date is invalid"])

        let server = try LiveServer(database: database)
        defer { server.stop() }
        var remote = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": coordinator, "HOME": directory.path])
        remote.currentDirectory = directory.path
        let refused = try remote.run(["report", "prtf", "--from", "2026-07-01", "--to", "2026-09-30"])
        #expect(refused.status != 0)
        #expect(refused.stderr.hasPrefix("ecm: ") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!files.contains { $0.hasSuffix(".csv") || $0.hasSuffix(".partial") }, "\(files)")
    }

    /// A kept report is listed and written again as it was made, on a local store and over a
    /// server, each time an export in the audit trail; an unknown id is "Report not found".
    @Test func keptReportsAreListedAndDownloadedAgain() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (database, admin, _) = try Self.clinic(directory)
        let (from, to) = Self.period
        var local = Command(product: "ecm", environment: ["ECM_STORE": database, "HOME": directory.path])
        local.currentDirectory = directory.path
        let made = try local.run(["report", "prtf", "--from", from, "--to", to, "--npi", "1234567893", "--json"])
        try #require(made.status == 0, "\(made.stderr)")
        let report = try #require(try made.jsonObject()["prtf_report"] as? [String: Any])
        let id = try #require(report["id"] as? Int)
        let filename = try #require(report["filename"] as? String)
        let original = try String(contentsOfFile: directory.file(filename), encoding: .utf8)

        let listed = try local.run(["report", "list"])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.hasPrefix("ID") && listed.stdout.contains("\(from) to \(to)") && listed.stdout.contains(filename), "\(listed.stdout)")
        let again = try local.run(["report", "download", String(id), "--output", "again.csv"])
        #expect(again.status == 0 && again.stdout.hasPrefix("Wrote \(directory.file("again.csv")): "), "\(again.stderr)")
        #expect(try String(contentsOfFile: directory.file("again.csv"), encoding: .utf8) == original)
        #expect(try Self.permissions(directory.file("again.csv")) == 0o600)
        let missing = try local.run(["report", "download", "999", "--output", "missing.csv"])
        #expect(missing.status == 3 && missing.stderr == "ecm: Report not found\n")
        #expect(!FileManager.default.fileExists(atPath: directory.file("missing.csv")))

        let server = try LiveServer(database: database)
        var remote = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": admin, "HOME": directory.path])
        remote.currentDirectory = directory.path
        let remoteList = try remote.run(["report", "list", "--json"])
        #expect((try remoteList.jsonObject()["prtf_reports"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id], "\(remoteList.stdout)")
        let fetched = try remote.run(["report", "download", String(id), "--output", "remote.csv"])
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(try String(contentsOfFile: directory.file("remote.csv"), encoding: .utf8) == original)
        server.stop()

        let store = try AppDatabase.open(path: database)
        let exports = try await store.auditChain(after: 0, limit: 10_000).map(\.entry)
            .filter { $0.resource == "prtf_report" && $0.action == .export && $0.resourceID == Int64(id) }
        #expect(exports.count >= 3, "made (written out), downloaded again here and over the server: \(exports.count)")
    }
}
