import ECMDomain

/// "Who saw or changed this member's record": a member's audit rows, oldest first, written out as
/// CSV (line by line, a page at a time) or as one JSON document; the export is itself audited.
/// `ecm-server audit export` and `ecm audit export` both print through it.
public enum AuditExport {
    public enum Format: String, CaseIterable, Sendable { case csv, json }

    public static func write(
        _ store: any AuditStore, patientID: Int64, from: Timestamp?, to: Timestamp?, format: Format,
        exportedBy entry: AuditEntry, line: (String) -> Void
    ) async throws(BackendError) {
        var query = AuditQuery(patientID: patientID, from: from, to: to, page: PageRequest(page: 1, size: PageRequest.maximumSize))
        var records: [AuditRecord] = []
        if format == .csv { line(AuditRecord.csvHeader) }
        while true {
            let page = try await store.auditRecords(query)
            if format == .csv { page.items.forEach { line($0.csvLine) } } else { records += page.items }
            guard page.pagination.hasNextPage else { break }
            query.page = PageRequest(page: query.page.page + 1, size: query.page.size)
        }
        if format == .json {
            let all = Page(items: records, pagination: Pagination(page: 1, perPage: max(1, records.count), totalCount: records.count))
            line(String(decoding: JSONWriter.bytes(of: AuditEventsBody(all), pretty: true), as: UTF8.self))
        }
        try await store.appendAudit([entry])
    }

    /// The export's own audit row: `export audit` of the member, by `userID`, from `source`.
    public static func entry(patientID: Int64, userID: Int64?, source: String) -> AuditEntry {
        AuditTarget(.export, "audit", patientID: patientID).entry(userID: userID, context: AuditContext(remoteAddress: source))
    }
}
