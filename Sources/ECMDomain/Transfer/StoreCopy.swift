/// Copies every record of one store into another (SQLite to PostgreSQL and back): users with
/// their token hashes, patients, activities, comments and events, ids kept; then checks that
/// every table holds as many rows as the source's.
public struct StoreCopy: Sendable {
    /// Rows read and written at a time.
    public static let batchSize = 5_000

    public let source: any StoreTransfer
    public let target: any StoreTransfer

    public init(from source: any StoreTransfer, to target: any StoreTransfer) {
        self.source = source
        self.target = target
    }

    /// What a copy did, table by table.
    public struct Report: Sendable, Equatable {
        public var rows: [TransferTable: Int] = [:]
    }

    /// Copies; a target that holds records is refused unless `replacing`.
    /// `progress` is told the table, rows done and rows in all after every batch.
    public func run(replacing: Bool, progress: @Sendable (TransferTable, Int, Int) -> Void = { _, _, _ in })
        async throws(BackendError) -> Report
    {
        var held = 0
        // Clinics are not records: every store starts with clinic 1, which the copy replaces.
        for table in TransferTable.allCases where table != .clinics { held += try await target.rowCount(table) }
        if held > 0, !replacing {
            throw .validation(["The target already holds \(held) records: copy refuses to mix stores (--force replaces them)"])
        }
        try await target.removeAllRecords()
        var report = Report()
        var links: [ActivityLinks] = []
        for table in TransferTable.allCases {
            let total = try await source.rowCount(table)
            let linkColumns = table.laterLinks.compactMap { name in table.columnNames.firstIndex(of: name) }
            var done = 0
            var after = Int64.min
            progress(table, 0, total)
            while true {
                var rows = try await source.exportRows(table, afterID: after, limit: Self.batchSize)
                guard let last = rows.last?.first?.integer else { break }
                after = last
                if !linkColumns.isEmpty {
                    for index in rows.indices {
                        let held = linkColumns.map { rows[index][$0].integer }
                        if held.contains(where: { $0 != nil }), let id = rows[index][0].integer {
                            links.append(ActivityLinks(id: id, blockedByID: held[0], blockingID: held[1]))
                        }
                        for column in linkColumns { rows[index][column] = .null }
                    }
                }
                try await target.importRows(table, rows)
                done += rows.count
                progress(table, done, total)
            }
            report.rows[table] = done
        }
        try await target.finishImport(links: links)
        try await target.setStorePolicy(try await source.storePolicy())
        for table in TransferTable.allCases {
            let copied = try await target.rowCount(table)
            let expected = report.rows[table] ?? 0
            guard copied == expected else {
                throw .unavailable("Copy verification failed: \(table.rawValue) holds \(copied) rows, the source \(expected)")
            }
        }
        return report
    }
}
