import ECMAuth
import ECMDomain
import ECMStore
import ECMTestSupport
import Foundation
import Testing

/// Verifying the trail of a live store: rows appended while it is read are not a broken chain.
struct AuditVerifyTests {
    /// A store that appends one more row just before the verifier first reads the head, as a
    /// running server's audit recorder does between the last page and the head.
    final class AppendingStore: AuditStore, @unchecked Sendable {
        let base: AppDatabase
        var appended = false
        init(_ base: AppDatabase) { self.base = base }
        func appendAudit(_ entries: [AuditEntry]) async throws(BackendError) { try await base.appendAudit(entries) }
        func auditRecords(_ query: AuditQuery) async throws(BackendError) -> Page<AuditRecord> { try await base.auditRecords(query) }
        func auditChain(after id: Int64, limit: Int) async throws(BackendError) -> [AuditRecord] {
            try await base.auditChain(after: id, limit: limit)
        }
        func auditHead() async throws(BackendError) -> (id: Int64, hash: [UInt8]) {
            if !appended {
                appended = true
                try await base.appendAudit([AuditEntry(userID: 1, action: .read, resource: "patients", status: 200)])
            }
            return try await base.auditHead()
        }
    }

    /// It failed before: the head (row 4) was past the last row read (3) and row 4 was reported broken.
    @Test func rowsAppendedDuringVerificationAreReadNotReportedBroken() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase.open(path: directory.file("trail.sqlite"), create: true)
        try await database.appendAudit((1...3).map { _ in AuditEntry(userID: 1, action: .read, resource: "patients", status: 200) })
        let result = try await AuditChain.firstBrokenRow(in: AppendingStore(database))
        #expect(result.broken == nil)
        #expect(result.checked == 4)
        // Read again without anyone appending, the same trail is whole.
        #expect(try await AuditChain.firstBrokenRow(in: database).broken == nil)
    }
}
