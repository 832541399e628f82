import ECMAuth
import ECMDomain
import Foundation
import GRDB

/// The audit trail in the SQLite store: appended after the head in the appender's transaction
/// (SQLite has one writer, so the chain has one order), read by member, user and time.
extension AppDatabase: AuditStore {
    public func appendAudit(_ entries: [AuditEntry]) async throws(BackendError) {
        guard !entries.isEmpty else { return }
        try await write { db in try Self.appendAudit(db, entries) }
    }

    /// Appends inside a transaction already open (a write audited with its change).
    static func appendAudit(_ db: Database, _ entries: [AuditEntry]) throws {
        guard var (id, previous) = try Row.fetchOne(
            db, cached: "SELECT last_id, last_hash FROM audit_head WHERE id = 1",
            as: { row -> (Int64, [UInt8]) in (row[0], [UInt8](row[1] as Data)) })
        else { throw BackendError.unavailable("Store error: the audit trail has no head") }
        for var entry in entries {
            id += 1
            if entry.clinicID == nil, let user = entry.userID {
                entry.clinicID = try Int64.fetchOne(db, cached: AuditSQL.userClinic, arguments: [user])
            }
            let hash = AuditChain.hash(previous: previous, entry: entry, id: id)
            try db.execute(
                cached: AuditSQL.insert,
                arguments: [
                    id, entry.at.milliseconds, entry.userID, entry.clinicID, entry.action.rawValue, entry.patientID, entry.resource,
                    entry.resourceID, entry.status, entry.remoteAddress, entry.requestID, Data(previous), Data(hash),
                ])
            previous = hash
        }
        try db.execute(cached: AuditSQL.moveHead, arguments: [id, Data(previous)])
    }

    public func auditRecords(_ query: AuditQuery) async throws(BackendError) -> Page<AuditRecord> {
        try query.page.validate()
        return try readNow { db in
            let (filter, values) = AuditSQL.filter(query)
            let arguments = StatementArguments(values)
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_events WHERE \(filter)", arguments: arguments) ?? 0
            let rows = try Row.fetchAll(
                db, sql: "SELECT \(AuditSQL.columns) FROM audit_events WHERE \(filter) ORDER BY at, id LIMIT ? OFFSET ?",
                arguments: arguments + [query.page.size, query.page.offset]
            ).map(Self.auditRecord)
            return Page(items: rows, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    public func auditChain(after id: Int64, limit: Int) async throws(BackendError) -> [AuditRecord] {
        try readNow { db in try Row.fetchAll(db, sql: AuditSQL.chain, arguments: [id, limit]).map(Self.auditRecord) }
    }

    public func auditHead() async throws(BackendError) -> (id: Int64, hash: [UInt8]) {
        try readNow { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT last_id, last_hash FROM audit_head WHERE id = 1") else {
                throw BackendError.unavailable("Store error: the audit trail has no head")
            }
            return (row[0], [UInt8](row[1] as Data))
        }
    }

    static func auditRecord(_ row: Row) -> AuditRecord {
        let action: String = row[4]
        let entry = AuditEntry(
            at: Timestamp(milliseconds: row[1]), userID: row[2], action: AuditEntry.Action(rawValue: action) ?? .read, patientID: row[5],
            resource: row[6], resourceID: row[7], status: row[8], remoteAddress: row[9], requestID: row[10], clinicID: row[3])
        return AuditRecord(id: row[0], entry: entry, previousHash: [UInt8](row[11] as Data), hash: [UInt8](row[12] as Data))
    }
}
