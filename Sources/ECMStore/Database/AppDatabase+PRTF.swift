import ECMDomain
import Foundation
import GRDB

/// PRTF reports in the SQLite store: members read a page per read transaction, lines kept a
/// page per write transaction (a coordinator's writes wait for one page, never the report).
extension AppDatabase: PRTFReportStore {
    public func prtfPatientCount(clinicID: Int64) async throws(BackendError) -> Int {
        try await read { db in try Int.fetchOne(db, cached: PRTFReportSQL.patientCount, arguments: [clinicID]) ?? 0 }
    }

    public func prtfMembers(clinicID: Int64, afterPatientID: Int64, limit: Int, eventsBefore: Timestamp) async throws(BackendError) -> [PRTFMember] {
        try await read { db in
            var members = try Row.fetchAll(db, cached: PRTFReportSQL.members, arguments: [clinicID, afterPatientID, limit], as: { row in
                let patient = StoreBackend.patient(row)
                return PRTFMember(
                    patientID: patient.id, name: patient.name, dateOfBirth: patient.dateOfBirth, record: patient.member,
                    leadCareManagerName: row["lead_name"], events: [])
            })
            guard let first = members.first?.patientID, let last = members.last?.patientID else { return [] }
            var index: [Int64: Int] = [:]
            for (position, member) in members.enumerated() { index[member.patientID] = position }
            // The page's ids are a range of the clinic's ids (other clinics' patients in it have no
            // member here and are skipped).
            let rows = try Row.fetchCursor(
                db.cachedStatement(sql: """
                    SELECT patient_id, event_type, status, occurred_at, duration, outcome FROM events
                    WHERE patient_id BETWEEN ? AND ? AND occurred_at < ? AND event_type != 'task'
                    """), arguments: [first, last, eventsBefore.milliseconds])
            while let row = try rows.next() {
                guard let position = index[row[0]], let type = ActivityType(rawValue: row[1]), let status = ActivityStatus(rawValue: row[2])
                else { continue }
                members[position].events.append(
                    PRTFEvent(
                        type: type, status: status, occurredAt: Timestamp(milliseconds: row[3]), duration: row[4],
                        outcome: (row[5] as String?).flatMap(ActivityOutcome.init(rawValue:))))
            }
            return members
        }
    }

    public func beginPRTFReport(
        clinicID: Int64, createdBy: Int64, request: PRTFRequest, filename: String, timeZone: String, at: Timestamp
    ) async throws(BackendError) -> Int64 {
        try await write { db in
            try db.execute(
                cached: PRTFReportSQL.begin,
                arguments: [
                    clinicID, createdBy, filename, request.startDate.iso8601, request.endDate.iso8601, request.providerNPI,
                    request.providerName, request.providerPhone, at.milliseconds, timeZone,
                ])
            return db.lastInsertedRowID
        }
    }

    public func appendPRTFLines(reportID: Int64, firstLine: Int, _ lines: [String]) async throws(BackendError) {
        try await write { db in
            for (offset, text) in lines.enumerated() {
                try db.execute(
                    cached: "INSERT INTO prtf_report_lines (report_id, line, text) VALUES (?, ?, ?)",
                    arguments: [reportID, firstLine + offset, text])
            }
        }
    }

    public func finishPRTFReport(reportID: Int64, patientCount: Int, emptyColumns: [String: Int], audit: AuditEntry)
        async throws(BackendError) -> PRTFReport
    {
        try await write { db in
            try db.execute(
                cached: PRTFReportSQL.finish,
                arguments: [patientCount, PRTFReportSQL.emptyColumnsText(emptyColumns), Timestamp.now().milliseconds, reportID])
            try Self.appendAudit(db, [audit])
            guard let report = try Row.fetchOne(
                db, cached: "SELECT \(PRTFReportSQL.columns) FROM prtf_reports WHERE id = ?", arguments: [reportID], as: Self.report)
            else { throw BackendError.reportNotFound }
            return report
        }
    }

    public func discardPRTFReport(reportID: Int64) async throws(BackendError) {
        try await write { db in
            try db.execute(sql: "DELETE FROM prtf_report_lines WHERE report_id = ?", arguments: [reportID])
            try db.execute(cached: PRTFReportSQL.discard, arguments: [reportID])
        }
    }

    public func prtfReports(clinicID: Int64, page: PageRequest) async throws(BackendError) -> Page<PRTFReport> {
        try page.validate()
        return try await read { db in
            let total = try Int.fetchOne(db, cached: PRTFReportSQL.count, arguments: [clinicID]) ?? 0
            let items = try Row.fetchAll(db, cached: PRTFReportSQL.page, arguments: [clinicID, page.size, page.offset], as: Self.report)
            return Page(items: items, pagination: Pagination(page: page.page, perPage: page.size, totalCount: total))
        }
    }

    public func prtfReport(id: Int64, clinicID: Int64) async throws(BackendError) -> PRTFReport {
        try await read { db in
            guard let report = try Row.fetchOne(db, cached: PRTFReportSQL.one, arguments: [id, clinicID], as: Self.report) else {
                throw BackendError.reportNotFound
            }
            return report
        }
    }

    public func prtfReportLines(reportID: Int64, afterLine: Int, limit: Int) async throws(BackendError) -> [(line: Int, text: String)] {
        let rows = try await read { db in
            try Row.fetchAll(db, cached: PRTFReportSQL.lines, arguments: [reportID, afterLine, limit], as: { row in
                PRTFLine(line: row[0], text: row[1])
            })
        }
        return rows.map { ($0.line, $0.text) }
    }

    private static func report(_ row: Row) throws -> PRTFReport {
        guard let start = CivilDate(iso8601: row["start_date"]), let end = CivilDate(iso8601: row["end_date"]) else {
            throw BackendError.unavailable("Store holds a report with an unreadable period")
        }
        return PRTFReport(
            id: row["id"], filename: row["filename"],
            request: PRTFRequest(
                startDate: start, endDate: end, providerNPI: row["provider_npi"], providerName: row["provider_name"],
                providerPhone: row["provider_phone"]),
            patientCount: row["patient_count"], emptyColumns: PRTFReportSQL.emptyColumns(fromText: row["empty_columns"]),
            timeZone: row["time_zone"], createdByID: row["created_by_id"], createdAt: Timestamp(milliseconds: row["created_at"]))
    }
}

/// One kept line (a Sendable pair for the read's answer).
struct PRTFLine: Sendable {
    let line: Int
    let text: String
}
