import ECMDomain
import Foundation
import PostgresNIO

/// PRTF reports in the PostgreSQL store, on `PRTFReportSQL` as in SQLite: a page of members and
/// their events read in one REPEATABLE READ snapshot, lines kept a page per transaction. A
/// report takes as long as it takes: no request deadline on its statements.
extension PostgresStore: PRTFReportStore {
    public func prtfPatientCount(clinicID: Int64) async throws(BackendError) -> Int {
        let logger = logger
        return try await read(limited: false) { connection in
            Int(try await connection.value(Int64.self, SQLBuilder.query(PRTFReportSQL.patientCount, clinicID), logger: logger) ?? 0)
        }
    }

    public func prtfMembers(clinicID: Int64, afterPatientID: Int64, limit: Int, eventsBefore: Timestamp) async throws(BackendError) -> [PRTFMember] {
        let logger = logger
        return try await transaction(limited: false) { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            let leadColumn = 5 + MemberField.allCases.count
            var members: [PRTFMember] = []
            for row in try await connection.rows(SQLBuilder.query(PRTFReportSQL.members, clinicID, afterPatientID, Int64(limit)), logger: logger) {
                let patient = try PostgresRows.patient(row)
                members.append(
                    PRTFMember(
                        patientID: patient.id, name: patient.name, dateOfBirth: patient.dateOfBirth, record: patient.member,
                        leadCareManagerName: try row[leadColumn].decode(String?.self), events: []))
            }
            guard let first = members.first?.patientID, let last = members.last?.patientID else { return [] }
            var index: [Int64: Int] = [:]
            for (position, member) in members.enumerated() { index[member.patientID] = position }
            let events = try await connection.query(
                SQLBuilder.query(
                    """
                    SELECT patient_id, event_type, status, occurred_at, duration, outcome FROM events
                    WHERE patient_id BETWEEN ? AND ? AND occurred_at < ? AND event_type != 'task'
                    """, first, last, eventsBefore.milliseconds), logger: logger)
            for try await (patientID, type, status, occurredAt, duration, outcome) in events.decode((Int64, String, String, Int64, Int64?, String?).self) {
                guard let position = index[patientID], let type = ActivityType(rawValue: type), let status = ActivityStatus(rawValue: status)
                else { continue }
                members[position].events.append(
                    PRTFEvent(
                        type: type, status: status, occurredAt: Timestamp(milliseconds: occurredAt), duration: duration.map(Int.init),
                        outcome: outcome.flatMap(ActivityOutcome.init(rawValue:))))
            }
            return members
        }
    }

    public func beginPRTFReport(
        clinicID: Int64, createdBy: Int64, request: PRTFRequest, filename: String, timeZone: String, at: Timestamp
    ) async throws(BackendError) -> Int64 {
        let logger = logger
        return try await transaction(limited: false) { connection in
            var insert = SQLBuilder()
            insert.sql = insert.numbered(
                PRTFReportSQL.begin + " RETURNING id",
                binders: [
                    { $0.bind(clinicID) }, { $0.bind(createdBy) }, { $0.bind(filename) }, { $0.bind(request.startDate.iso8601) },
                    { $0.bind(request.endDate.iso8601) }, { $0.bind(request.providerNPI) }, { $0.bind(request.providerName) },
                    { $0.bind(request.providerPhone) }, { $0.bind(at.milliseconds) }, { $0.bind(timeZone) },
                ])
            guard let id = try await connection.value(Int64.self, insert.query, logger: logger) else {
                throw BackendError.unavailable("Store error: no report id")
            }
            return id
        }
    }

    public func appendPRTFLines(reportID: Int64, firstLine: Int, _ lines: [String]) async throws(BackendError) {
        let logger = logger
        try await transaction(limited: false) { connection in
            let numbers = lines.indices.map { Int64(firstLine + $0) }
            try await connection.query(
                """
                INSERT INTO prtf_report_lines (report_id, line, text)
                SELECT \(reportID), line, text FROM UNNEST(\(numbers)::BIGINT[], \(lines)::TEXT[]) AS page(line, text)
                """, logger: logger)
        }
    }

    public func finishPRTFReport(reportID: Int64, patientCount: Int, emptyColumns: [String: Int], audit: AuditEntry)
        async throws(BackendError) -> PRTFReport
    {
        let logger = logger
        return try await transaction(limited: false) { connection in
            try await connection.query(
                SQLBuilder.query(
                    PRTFReportSQL.finish, Int64(patientCount), PRTFReportSQL.emptyColumnsText(emptyColumns), Timestamp.now().milliseconds,
                    reportID), logger: logger)
            try await Self.appendAudit(connection, [audit], logger: logger)
            guard let row = try await connection.row(
                SQLBuilder.query("SELECT \(PRTFReportSQL.columns) FROM prtf_reports WHERE id = ?", reportID), logger: logger)
            else { throw BackendError.reportNotFound }
            return try Self.report(row)
        }
    }

    public func discardPRTFReport(reportID: Int64) async throws(BackendError) {
        let logger = logger
        try await transaction(limited: false) { connection in
            try await connection.query(SQLBuilder.query(PRTFReportSQL.discard, reportID), logger: logger)
        }
    }

    public func prtfReports(clinicID: Int64, page: PageRequest) async throws(BackendError) -> Page<PRTFReport> {
        try page.validate()
        let logger = logger
        return try await read { connection in
            let total = Int(try await connection.value(Int64.self, SQLBuilder.query(PRTFReportSQL.count, clinicID), logger: logger) ?? 0)
            let rows = try await connection.rows(
                SQLBuilder.query(PRTFReportSQL.page, clinicID, Int64(page.size), Int64(page.offset)), logger: logger)
            return Page(items: try rows.map(Self.report), pagination: Pagination(page: page.page, perPage: page.size, totalCount: total))
        }
    }

    public func prtfReport(id: Int64, clinicID: Int64) async throws(BackendError) -> PRTFReport {
        let logger = logger
        return try await read { connection in
            guard let row = try await connection.row(SQLBuilder.query(PRTFReportSQL.one, id, clinicID), logger: logger) else {
                throw BackendError.reportNotFound
            }
            return try Self.report(row)
        }
    }

    public func prtfReportLines(reportID: Int64, afterLine: Int, limit: Int) async throws(BackendError) -> [(line: Int, text: String)] {
        let logger = logger
        let lines = try await read { connection in
            var lines: [PRTFKeptLine] = []
            let rows = try await connection.query(SQLBuilder.query(PRTFReportSQL.lines, reportID, Int64(afterLine), Int64(limit)), logger: logger)
            for try await (line, text) in rows.decode((Int64, String).self) { lines.append(PRTFKeptLine(line: Int(line), text: text)) }
            return lines
        }
        return lines.map { ($0.line, $0.text) }
    }

    private static func report(_ row: PostgresRandomAccessRow) throws -> PRTFReport {
        guard let start = CivilDate(iso8601: try row[2].decode(String.self)), let end = CivilDate(iso8601: try row[3].decode(String.self)) else {
            throw BackendError.unavailable("Store holds a report with an unreadable period")
        }
        return PRTFReport(
            id: try row[0].decode(Int64.self), filename: try row[1].decode(String.self),
            request: PRTFRequest(
                startDate: start, endDate: end, providerNPI: try row[4].decode(String?.self), providerName: try row[5].decode(String?.self),
                providerPhone: try row[6].decode(String?.self)),
            patientCount: Int(try row[7].decode(Int64.self)), emptyColumns: PRTFReportSQL.emptyColumns(fromText: try row[8].decode(String?.self)),
            timeZone: try row[9].decode(String.self), createdByID: try row[10].decode(Int64.self),
            createdAt: Timestamp(milliseconds: try row[11].decode(Int64.self)))
    }
}

/// One kept line (a Sendable pair for the read's answer).
private struct PRTFKeptLine: Sendable {
    let line: Int
    let text: String
}
