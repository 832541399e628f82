import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// The audit trail from the command line, on real stores: the CLI audits its own reads and
/// writes as the acting user; the store refuses to change or remove a row; `ecm-server audit
/// verify` finds the first row altered, removed or reordered by raw SQL (with the refusing
/// triggers dropped); `audit export` answers who saw a member's record, and is audited itself.
@Suite(.serialized)
struct AuditCommandTests {
    enum Store: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static var stores: [Store] { TestPostgres.isAvailable ? [.sqlite, .postgres] : [.sqlite] }

    /// A store with a trail of 6 rows: two members added by `ecm-server patients add` (audited
    /// without a user), an activity of patient 1 created, read, updated, and patient 2's read.
    struct Trail {
        let location: String
        let kind: Store
        let directory: TemporaryDirectory
        let cleanUp: @Sendable () -> Void

        init(_ kind: Store) async throws {
            self.kind = kind
            directory = try TemporaryDirectory()
            switch kind {
            case .sqlite:
                location = directory.file("audit.sqlite")
                cleanUp = {}
            case .postgres:
                let database = try await TestPostgres.createDatabase()
                location = database.url
                cleanUp = { database.drop() }
            }
            let admin = Command(product: "ecm-server", environment: ["ECM_SERVER_DB": location])
            try #require(try admin.run(["users", "add", "--name", "Maria Hernández"]).status == 0)
            try #require(try admin.run(["patients", "add", "--name", "José Núñez"]).status == 0)
            try #require(try admin.run(["patients", "add", "--name", "Ana Pérez"]).status == 0)
            let token = try #require(try admin.run(["users", "token", "1"]).stdout.split(separator: "\n").last.map(String.init))
            let server = try LiveServer(database: location)
            defer { server.stop() }
            let ecm = Command(product: "ecm", environment: ["ECM_SERVER": server.url, "ECM_TOKEN": token, "HOME": directory.path])
            let created = try ecm.run([
                "activities", "create", "--patient", "1", "--type", "task", "--message", "Call about the housing voucher", "--assigned-to", "1",
            ])
            try #require(created.status == 0, "\(created.stderr)")
            try #require(try ecm.run(["activities", "show", "--patient", "1", created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)]).status == 0)
            try #require(try ecm.run(["activities", "update", "--patient", "1", created.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--status", "complete"]).status == 0)
            try #require(try ecm.run(["activities", "list", "--patient", "2"]).status == 0)
        }

        var admin: Command { Command(product: "ecm-server", environment: ["ECM_SERVER_DB": location]) }

        /// Runs raw SQL as the database's owner would (sqlite3 from Python, or psql).
        func sql(_ statement: String) throws -> Command.Result {
            switch kind {
            case .sqlite:
                return try Command(executable: "/usr/bin/python3").run([
                    "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", location, statement,
                ])
            case .postgres:
                return try Command(executable: "/usr/bin/psql").run(["-v", "ON_ERROR_STOP=1", "-q", location, "-c", statement])
            }
        }

        var dropTriggers: String {
            kind == .sqlite
                ? "DROP TRIGGER audit_events_append_only_update; DROP TRIGGER audit_events_append_only_delete;"
                : "DROP TRIGGER audit_events_append_only ON audit_events; DROP TRIGGER audit_events_no_truncate ON audit_events;"
        }

        func remove() {
            cleanUp()
            directory.remove()
        }
    }

    @Test(arguments: Self.stores) func theTrailIsIntactAndRefusesChanges(_ store: Store) async throws {
        let trail = try await Trail(store)
        defer { trail.remove() }
        let verified = try trail.admin.run(["audit", "verify"])
        #expect(verified.status == 0 && verified.stdout == "audit trail intact: 6 rows\n", "\(verified.stdout)\(verified.stderr)")
        let update = try trail.sql("UPDATE audit_events SET status = 200 WHERE id = 2")
        #expect(update.status != 0 && (update.stderr + update.stdout).contains("append-only"), "\(update.stderr)")
        let delete = try trail.sql("DELETE FROM audit_events WHERE id = 2")
        #expect(delete.status != 0 && (delete.stderr + delete.stdout).contains("append-only"))
        if store == .postgres {
            let truncate = try trail.sql("TRUNCATE audit_events")
            #expect(truncate.status != 0 && truncate.stderr.contains("append-only"))
        }
        #expect(try trail.admin.run(["audit", "verify"]).status == 0)

        let export = try trail.admin.run(["audit", "export", "--patient", "1"])
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.first == "id,at,user_id,clinic_id,action,patient_id,resource,resource_id,status,remote_address,request_id,hash")
        #expect(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[4] } == ["create", "create", "read", "update"])
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false)[3] == "1" }, "the user's clinic")
        #expect(!export.stdout.contains("housing") && !export.stdout.contains("José"))
        // The export is audited, and the chain still holds.
        let after = try trail.admin.run(["audit", "verify"])
        #expect(after.stdout == "audit trail intact: 7 rows\n")
        let json = try trail.admin.run(["audit", "export", "--patient", "2", "--format", "json"])
        let events = try #require(try json.jsonObject()["audit_events"] as? [[String: Any]])
        #expect(events.map { $0["resource"] as? String } == ["patient", "activities"])
    }

    @Test(arguments: Self.stores) func verifyNamesTheFirstRowAlteredRemovedOrReordered(_ store: Store) async throws {
        for (tampering, brokenAt) in [
            ("UPDATE audit_events SET status = 500 WHERE id = 2", 2),
            ("DELETE FROM audit_events WHERE id = 3", 3),
            ("UPDATE audit_events SET action = 'delete' WHERE id = 4", 4),
            ("UPDATE audit_events SET clinic_id = 2 WHERE id = 1", 1),
            ("DELETE FROM audit_events WHERE id = 4", 4),
            // Rows 2 and 3 swapped (their contents moved, each keeping the other's hashes).
            ("""
            UPDATE audit_events SET id = 100 WHERE id = 2; UPDATE audit_events SET id = 2 WHERE id = 3;
            UPDATE audit_events SET id = 3 WHERE id = 100;
            """, 2),
        ] {
            let trail = try await Trail(store)
            defer { trail.remove() }
            let tampered = try trail.sql(trail.dropTriggers + " " + tampering)
            try #require(tampered.status == 0, "\(tampering): \(tampered.stderr)")
            let verified = try trail.admin.run(["audit", "verify"])
            #expect(verified.status == 1, "\(tampering)")
            #expect(verified.stderr.hasPrefix("ecm-server: the audit trail is broken at row \(brokenAt) "), "\(tampering): \(verified.stderr)")
        }
    }

    @Test func theCLIOnALocalStoreAuditsItsCallsAsTheActingUser() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.file("ecm.sqlite")
        let ecm = Command(product: "ecm", environment: ["ECM_STORE": store, "HOME": directory.path])
        _ = try ecm.run(["init"])
        _ = try ecm.run(["users", "add", "--name", "Maria Hernández"])
        _ = try ecm.run(["users", "add", "--name", "Bob Manager"])
        _ = try ecm.run(["patients", "add", "--name", "José Núñez"])
        #expect(try ecm.run(["activities", "create", "--as", "2", "--patient", "1", "--type", "note", "--body", "Spoke with her", "--assigned-to", "1"]).status == 0)
        #expect(try ecm.run(["activities", "list", "--as", "1", "--patient", "1"]).status == 0)
        #expect(try ecm.run(["activities", "show", "--as", "1", "--patient", "1", "99"]).status == 3)
        let export = try Command(product: "ecm-server", environment: ["ECM_SERVER_DB": store]).run(["audit", "export", "--patient", "1"])
        let rows = export.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { "\($0[2]) \($0[4]) \($0[6]) \($0[8])" } == ["1 create patient 201", "2 create activity 201", "1 read activities 200", "1 read activity 404"])
        #expect(try Command(product: "ecm-server", environment: ["ECM_SERVER_DB": store]).run(["audit", "verify"]).status == 0)
        // ecm itself reads the local trail the same way, and its export is audited as the acting user.
        let own = try ecm.run(["audit", "export", "--patient", "1", "--as", "2"])
        #expect(own.status == 0, "\(own.stderr)")
        let ownRows = own.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(ownRows.map { "\($0[2]) \($0[4]) \($0[6]) \($0[8])" } == [
            "1 create patient 201", "2 create activity 201", "1 read activities 200", "1 read activity 404", " export audit 200",
        ])
        let json = try ecm.run(["audit", "export", "--patient", "1", "--format", "json", "--from", "2000-01-01"])
        let events = (try? JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["audit_events"] as? [[String: Any]]
        #expect(events?.count == 6, "\(json.stdout)")
        let verified = try ecm.run(["audit", "verify"])
        #expect(verified.status == 0 && verified.stdout.hasPrefix("audit trail intact: "), "\(verified.stdout)\(verified.stderr)")
        let afterExports = try Command(product: "ecm-server", environment: ["ECM_SERVER_DB": store]).run(["audit", "export", "--patient", "1"])
        #expect(afterExports.stdout.split(separator: "\n").suffix(3).map { $0.split(separator: ",", omittingEmptySubsequences: false)[2] } == ["", "2", "1"])
        let bad = try ecm.run(["audit", "export", "--patient", "1", "--format", "xml"])
        #expect(bad.status == 2 && bad.stderr.contains("--format must be csv or json"))
        let overServer = try ecm.run(["audit", "verify", "--server", "http://127.0.0.1:9"])
        #expect(overServer.status != 0 && overServer.stderr.contains("local store"), "\(overServer.stderr)")
    }
}
