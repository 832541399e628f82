import ECMDomain
import Foundation
import NIOCore
import PostgresNIO

/// The PostgreSQL database as the source or the target of `ecm-server copy`. Rows go in through
/// `COPY … FROM STDIN`, a batch a transaction.
extension PostgresStore: StoreTransfer {
    public func rowCount(_ table: TransferTable) async throws(BackendError) -> Int {
        let logger = logger
        return try await read(limited: false) { connection in
            Int(try await connection.value(Int64.self, PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table.rawValue)"), logger: logger) ?? 0)
        }
    }

    public func exportRows(_ table: TransferTable, afterID: Int64, limit: Int) async throws(BackendError) -> [[TransferValue]] {
        let columns = table.columns
        let logger = logger
        return try await read(limited: false) { connection in
            try await connection.rows(
                PostgresQuery(
                    unsafeSQL: "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.rawValue) WHERE \(table.key) > $1 ORDER BY \(table.key) LIMIT $2",
                    binds: PostgresBackend.binds(afterID, Int64(limit))),
                logger: logger
            ).map { row in
                try columns.indices.map { index -> TransferValue in
                    let cell = row[index]
                    guard cell.bytes != nil else { return .null }
                    switch columns[index].kind {
                    case .integer: return .integer(try cell.decode(Int64.self))
                    case .text: return .text(try cell.decode(String.self))
                    case .bytes: return .bytes([UInt8](try cell.decode(Data.self)))
                    }
                }
            }
        }
    }

    public func removeAllRecords() async throws(BackendError) {
        let logger = logger
        try await transaction(limited: false) { connection in
            // Every copied table at once (they refer to each other), the derived counts, and the
            // idempotency keys (not copied: they answer retries to the store they were made in).
            let tables = TransferTable.allCases.map(\.rawValue) + ["timeline_counts", "queue_counts", "idempotency_keys", "sign_in_failures"]
            _ = try await connection.query(PostgresQuery(unsafeSQL: "TRUNCATE \(tables.joined(separator: ", "))"), logger: logger)
        }
    }

    public func importRows(_ table: TransferTable, _ rows: [[TransferValue]]) async throws(BackendError) {
        guard !rows.isEmpty else { return }
        var text = ""
        for row in rows {
            text += row.map(Self.copyText).joined(separator: "\t")
            text += "\n"
        }
        let logger = logger
        let data = text
        try await transaction(limited: false) { connection in
            try await connection.copyFrom(table: table.rawValue, columns: table.columnNames, logger: logger) { writer in
                try await writer.write(ByteBuffer(string: data))
            }
        }
    }

    public func finishImport(links: [ActivityLinks]) async throws(BackendError) {
        let logger = logger
        try await transaction(limited: false) { connection in
            // Links in batches, NULL written as 0 (ids start at 1).
            for start in stride(from: 0, to: links.count, by: 10_000) {
                let batch = links[start..<min(links.count, start + 10_000)]
                try await connection.query(
                    """
                    UPDATE activities a SET blocked_by_id = NULLIF(l.blocked_by, 0), blocking_id = NULLIF(l.blocking, 0)
                    FROM unnest(\(batch.map(\.id)), \(batch.map { $0.blockedByID ?? 0 }), \(batch.map { $0.blockingID ?? 0 }))
                      AS l(id, blocked_by, blocking)
                    WHERE a.id = l.id
                    """, logger: logger)
            }
            try await connection.query(
                "UPDATE patients p SET last_activity_at = (SELECT MAX(occurred_at) FROM activities a WHERE a.patient_id = p.id)",
                logger: logger)
            for table in TransferTable.allCases where table.hasOwnIDs {
                try await Self.advanceIdentity(connection, table: table.rawValue, logger: logger)
            }
        }
        // The planner's statistics of the new rows. Without them every table looked empty until
        // autovacuum came round, and a copied million-activity store answered a timeline page
        // in 700 ms instead of 2 ms (a sequential plan), so a server started right after a copy
        // served 80 requests a second.
        try await read(limited: false) { connection in try await connection.query("ANALYZE", logger: logger) }
    }

    /// A value in `COPY`'s text format: `\N` for NULL, backslash escapes, bytea as `\\x` and hex.
    static func copyText(_ value: TransferValue) -> String {
        switch value {
        case .null: return "\\N"
        case .integer(let number): return String(number)
        case .bytes(let bytes): return "\\\\x" + bytes.map { String(format: "%02x", $0) }.joined()
        case .text(let text):
            var escaped = ""
            escaped.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": escaped += "\\\\"
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                default: escaped.unicodeScalars.append(scalar)
                }
            }
            return escaped
        }
    }
}
