import ECMDomain
import Foundation
import GRDB

/// The SQLite file as the source or the target of `ecm-server copy`.
extension AppDatabase: StoreTransfer {
    public func rowCount(_ table: TransferTable) async throws(BackendError) -> Int {
        try readNow { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.rawValue)") ?? 0 }
    }

    public func exportRows(_ table: TransferTable, afterID: Int64, limit: Int) async throws(BackendError) -> [[TransferValue]] {
        let columns = table.columns
        return try readNow { db in
            try Row.fetchAll(
                db, sql: "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.rawValue) WHERE \(table.key) > ? ORDER BY \(table.key) LIMIT ?",
                arguments: [afterID, limit]
            ).map { row in
                columns.indices.map { index -> TransferValue in
                    let value = row[index] as DatabaseValue
                    if value.isNull { return .null }
                    switch columns[index].kind {
                    case .integer: return .integer(Int64.fromDatabaseValue(value) ?? 0)
                    case .text: return .text(String.fromDatabaseValue(value) ?? "")
                    case .bytes: return .bytes([UInt8](Data.fromDatabaseValue(value) ?? Data()))
                    }
                }
            }
        }
    }

    public func removeAllRecords() async throws(BackendError) {
        try writeNow { db in
            try db.execute(sql: "DELETE FROM idempotency_keys")
            try db.execute(sql: "DELETE FROM sign_in_failures")
            for table in TransferTable.allCases.reversed() { try db.execute(sql: "DELETE FROM \(table.rawValue)") }
            try db.execute(sql: "DELETE FROM timeline_counts")
            try db.execute(sql: "DELETE FROM queue_counts")
        }
    }

    public func importRows(_ table: TransferTable, _ rows: [[TransferValue]]) async throws(BackendError) {
        let names = table.columnNames
        try writeNow { db in
            let statement = try db.cachedStatement(
                sql: "INSERT INTO \(table.rawValue) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
            for row in rows {
                try statement.execute(arguments: StatementArguments(row.map(Self.databaseValue)))
            }
        }
    }

    public func finishImport(links: [ActivityLinks]) async throws(BackendError) {
        try writeNow { db in
            let statement = try db.cachedStatement(sql: "UPDATE activities SET blocked_by_id = ?, blocking_id = ? WHERE id = ?")
            for link in links { try statement.execute(arguments: [link.blockedByID, link.blockingID, link.id]) }
            // The list counts followed every insert through their triggers; the last activity
            // of each patient is derived here.
            try db.execute(sql: "UPDATE patients SET last_activity_at = (SELECT MAX(occurred_at) FROM activities a WHERE a.patient_id = patients.id)")
        }
    }

    private static func databaseValue(_ value: TransferValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .bytes(let bytes): Data(bytes).databaseValue
        }
    }
}
