import ECMAuth
import ECMDomain
import Foundation
import NIOCore
import PostgresNIO

/// The audit trail in the PostgreSQL store, as in SQLite (`AppDatabase+Audit`): the head row is
/// locked for the appender's transaction, so every server appends to one chain in one order.
extension PostgresStore: AuditStore {
    public func appendAudit(_ entries: [AuditEntry]) async throws(BackendError) {
        guard !entries.isEmpty else { return }
        let logger = logger
        try await transaction { connection in try await Self.appendAudit(connection, entries, logger: logger) }
    }

    static func appendAudit(_ connection: PostgresConnection, _ entries: [AuditEntry], logger: Logger) async throws {
        guard let head = try await connection.row("SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE", logger: logger) else {
            throw BackendError.unavailable("Store error: the audit trail has no head")
        }
        var id = try head[0].decode(Int64.self)
        var previous = Array(try head[1].decode(ByteBuffer.self).readableBytesView)
        for var entry in entries {
            id += 1
            if entry.clinicID == nil, let user = entry.userID {
                entry.clinicID = try await connection.value(Int64.self, "SELECT clinic_id FROM users WHERE id = \(user)", logger: logger)
            }
            let hash = AuditChain.hash(previous: previous, entry: entry, id: id)
            var insert = SQLBuilder()
            insert.sql = """
                INSERT INTO audit_events (\(AuditSQL.columns)) VALUES (\(insert.bind(id)), \(insert.bind(entry.at.milliseconds)),
                  \(insert.bind(entry.userID)), \(insert.bind(entry.clinicID)), \(insert.bind(entry.action.rawValue)), \(insert.bind(entry.patientID)),
                  \(insert.bind(entry.resource)), \(insert.bind(entry.resourceID)), \(insert.bind(Int32(entry.status))),
                  \(insert.bind(entry.remoteAddress)), \(insert.bind(entry.requestID)), \(insert.bind(ByteBuffer(bytes: previous))),
                  \(insert.bind(ByteBuffer(bytes: hash))))
                """
            try await connection.query(insert.query, logger: logger)
            previous = hash
        }
        let last = ByteBuffer(bytes: previous)
        try await connection.query("UPDATE audit_head SET last_id = \(id), last_hash = \(last) WHERE id = 1", logger: logger)
    }

    public func auditRecords(_ query: AuditQuery) async throws(BackendError) -> Page<AuditRecord> {
        try query.page.validate()
        // What writes queued is read too.
        try await sealAudit()
        let logger = logger
        return try await read { connection in
            let (filter, values) = AuditSQL.filter(query)
            var count = SQLBuilder()
            count.sql = "SELECT COUNT(*) FROM audit_events WHERE \(count.numbered(filter, values))"
            let total = Int(try await connection.value(Int64.self, count.query, logger: logger) ?? 0)
            var list = SQLBuilder()
            let condition = list.numbered(filter, values)
            list.sql = """
                SELECT \(AuditSQL.columns) FROM audit_events WHERE \(condition)
                ORDER BY at, id LIMIT \(list.bind(query.page.size)) OFFSET \(list.bind(query.page.offset))
                """
            let rows = try await connection.rows(list.query, logger: logger).map(Self.auditRecord)
            return Page(items: rows, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    public func auditChain(after id: Int64, limit: Int) async throws(BackendError) -> [AuditRecord] {
        if id == 0 { try await sealAudit() }
        let logger = logger
        return try await read { connection in
            var sql = SQLBuilder()
            sql.sql = "SELECT \(AuditSQL.columns) FROM audit_events WHERE id > \(sql.bind(id)) ORDER BY id LIMIT \(sql.bind(limit))"
            return try await connection.rows(sql.query, logger: logger).map(Self.auditRecord)
        }
    }

    public func auditHead() async throws(BackendError) -> (id: Int64, hash: [UInt8]) {
        let logger = logger
        return try await read { connection in
            guard let row = try await connection.row("SELECT last_id, last_hash FROM audit_head WHERE id = 1", logger: logger) else {
                throw BackendError.unavailable("Store error: the audit trail has no head")
            }
            return (try row[0].decode(Int64.self), Array(try row[1].decode(ByteBuffer.self).readableBytesView))
        }
    }

    static func auditRecord(_ row: PostgresRandomAccessRow) throws -> AuditRecord {
        let entry = AuditEntry(
            at: Timestamp(milliseconds: try row[1].decode(Int64.self)), userID: try row[2].decode(Int64?.self),
            action: AuditEntry.Action(rawValue: try row[4].decode(String.self)) ?? .read, patientID: try row[5].decode(Int64?.self),
            resource: try row[6].decode(String.self), resourceID: try row[7].decode(Int64?.self),
            status: Int(try row[8].decode(Int32.self)), remoteAddress: try row[9].decode(String?.self),
            requestID: try row[10].decode(String?.self), clinicID: try row[3].decode(Int64?.self))
        return AuditRecord(
            id: try row[0].decode(Int64.self), entry: entry, previousHash: Array(try row[11].decode(ByteBuffer.self).readableBytesView),
            hash: Array(try row[12].decode(ByteBuffer.self).readableBytesView))
    }
}

/// Writes' audit rows on PostgreSQL: queued in the write's transaction into `audit_pending`, then
/// moved into the chain (in the order they are found) by one pass at a time per server. The
/// chain's head is locked only by those passes, never by a request's transaction.
extension PostgresStore {
    static func queueAudit(_ connection: PostgresConnection, _ entry: AuditEntry, logger: Logger) async throws {
        var insert = SQLBuilder()
        insert.sql = """
            INSERT INTO audit_pending (at, user_id, clinic_id, action, patient_id, resource, resource_id, status, remote_address, request_id)
            VALUES (\(insert.bind(entry.at.milliseconds)), \(insert.bind(entry.userID)), \(insert.bind(entry.clinicID)),
              \(insert.bind(entry.action.rawValue)), \(insert.bind(entry.patientID)), \(insert.bind(entry.resource)),
              \(insert.bind(entry.resourceID)), \(insert.bind(Int32(entry.status))), \(insert.bind(entry.remoteAddress)),
              \(insert.bind(entry.requestID)))
            """
        try await connection.query(insert.query, logger: logger)
    }

    /// Starts a pass that seals the queued rows, unless one is running (it will take these too).
    func sealAuditSoon() {
        auditSealer.request { [self] in try? await self.sealAudit() }
    }

    /// Moves every queued row into the chain, a batch per transaction; returns how many.
    @discardableResult
    func sealAudit() async throws(BackendError) -> Int {
        let logger = logger
        var sealed = 0
        while true {
            let moved = try await transaction { connection -> Int in
                // The head first: passes of several servers take turns.
                _ = try await connection.row("SELECT last_id FROM audit_head WHERE id = 1 FOR UPDATE", logger: logger)
                let rows = try await connection.rows(
                    """
                    DELETE FROM audit_pending WHERE seq IN (
                      SELECT seq FROM audit_pending ORDER BY seq LIMIT 500 FOR UPDATE SKIP LOCKED)
                    RETURNING seq, at, user_id, clinic_id, action, patient_id, resource, resource_id, status, remote_address, request_id
                    """, logger: logger)
                let entries = try rows.sorted { try $0[0].decode(Int64.self) < $1[0].decode(Int64.self) }.map { row in
                    AuditEntry(
                        at: Timestamp(milliseconds: try row[1].decode(Int64.self)), userID: try row[2].decode(Int64?.self),
                        action: AuditEntry.Action(rawValue: try row[4].decode(String.self)) ?? .read, patientID: try row[5].decode(Int64?.self),
                        resource: try row[6].decode(String.self), resourceID: try row[7].decode(Int64?.self),
                        status: Int(try row[8].decode(Int32.self)), remoteAddress: try row[9].decode(String?.self),
                        requestID: try row[10].decode(String?.self), clinicID: try row[3].decode(Int64?.self))
                }
                if !entries.isEmpty { try await Self.appendAudit(connection, entries, logger: logger) }
                return entries.count
            }
            sealed += moved
            if moved < 500 { return sealed }
        }
    }
}

/// One sealing pass at a time: a request while a pass runs asks for one more pass after it.
final class AuditSealer: @unchecked Sendable {
    private let lock = NSLock()
    private var running = false
    private var again = false

    func request(_ pass: @escaping @Sendable () async -> Void) {
        let start = lock.withLock { () -> Bool in
            if running {
                again = true
                return false
            }
            running = true
            return true
        }
        guard start else { return }
        Task {
            while true {
                await pass()
                let more = lock.withLock { () -> Bool in
                    if again {
                        again = false
                        return true
                    }
                    running = false
                    return false
                }
                if !more { return }
            }
        }
    }
}
