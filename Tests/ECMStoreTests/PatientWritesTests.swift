import ECMDomain
import ECMStore
import ECMTestSupport
import Synchronization
import Testing

/// The administrator's batch of patient writes on the SQLite store: every write checked before
/// any is made, progress told for both stages, one audit row per patient written.
struct PatientWritesTests {
    final class Progress: Sendable {
        let seen = Mutex<[String]>([])
        func record(_ stage: PatientWriteStage, _ done: Int, _ total: Int) { seen.withLock { $0.append("\(stage.rawValue) \(done)/\(total)") } }
    }

    static func write(_ name: String, cin: String?, label: String) -> PatientWrite {
        let (change, messages) = PatientChange.reading([.name: name, .member(.cin): cin ?? ""], today: .today())
        return PatientWrite(.add(clinicID: 1), change, messages: messages, label: label)
    }

    @Test func aBatchIsCheckedWholeThenWrittenAndAudited() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase.open(path: directory.file("store.sqlite"), create: true)
        let progress = Progress()
        let written = try await database.writePatients(
            [Self.write("Ana Pérez", cin: "91234567A", label: "row 2"), Self.write("Bo Li", cin: nil, label: "row 3")], source: "test"
        ) { progress.record($0, $1, $2) }
        #expect(written.map(\.name) == ["Ana Pérez", "Bo Li"] && written.first?.member.cin == "91234567A")
        #expect(progress.seen.withLock { $0 } == ["checking 1/2", "checking 2/2", "writing 1/2", "writing 2/2"])
        let audit = try await database.auditRecords(AuditQuery())
        #expect(audit.items.map { "\($0.entry.action.rawValue) \($0.entry.patientID ?? 0) \($0.entry.remoteAddress ?? "")" } == ["create 1 test", "create 2 test"])

        await #expect(throws: BackendError.validation(["row 2: CIN has already been taken", "row 3: CIN is invalid"])) {
            try await database.writePatients(
                [Self.write("Cy Doe", cin: "91234567a", label: "row 2"), Self.write("Di Roe", cin: "12", label: "row 3"),
                 Self.write("Ed Poe", cin: nil, label: "row 4")], source: "test") { _, _, _ in }
        }
        await #expect(throws: BackendError.validation(["Clinic must exist"])) {
            try await database.writePatients([PatientWrite(.add(clinicID: 9), PatientChange(name: "Fay"))], source: "test") { _, _, _ in }
        }
        #expect(try await database.auditRecords(AuditQuery()).items.count == 2, "nothing written, nothing audited")
        #expect(try database.addPatient(name: "Gus", dateOfBirth: nil).id == 3, "no patient was added by the refused batches")
    }
}
