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
        let logger = logger
        return try await read { connection in
            let (filter, values) = AuditSQL.filter(query)
            var count = SQLBuilder()
            count.sql = "SELECT COUNT(*) FROM audit_events WHERE \(Self.numbered(filter, values, into: &count))"
            let total = Int(try await connection.value(Int64.self, count.query, logger: logger) ?? 0)
            var list = SQLBuilder()
            let condition = Self.numbered(filter, values, into: &list)
            list.sql = """
                SELECT \(AuditSQL.columns) FROM audit_events WHERE \(condition)
                ORDER BY at, id LIMIT \(list.bind(query.page.size)) OFFSET \(list.bind(query.page.offset))
                """
            let rows = try await connection.rows(list.query, logger: logger).map(Self.auditRecord)
            return Page(items: rows, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    private static func numbered(_ sql: String, _ values: [Int64], into builder: inout SQLBuilder) -> String {
        var remaining = values[...]
        var result = ""
        for character in sql {
            if character == "?", let value = remaining.popFirst() { result += builder.bind(value) } else { result.append(character) }
        }
        return result
    }

    public func auditChain(after id: Int64, limit: Int) async throws(BackendError) -> [AuditRecord] {
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
