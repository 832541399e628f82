import Foundation

/// Where PRTF reports are made and kept: both stores. A store streams members a page at a time
/// (`prtfMembers`) and keeps a report's lines as they are written; `generatePRTFReport` (below)
/// is the one loop over them, the same for every store.
public protocol PRTFReportStore: Sendable {
    /// How many patients the clinic has (the progress bar's whole).
    func prtfPatientCount(clinicID: Int64) async throws(BackendError) -> Int
    /// Up to `limit` of the clinic's patients after `afterPatientID`, in id order, with their
    /// events (not tasks) before `eventsBefore`. One page is read at one moment.
    func prtfMembers(clinicID: Int64, afterPatientID: Int64, limit: Int, eventsBefore: Timestamp) async throws(BackendError) -> [PRTFMember]
    /// A report row for lines to be added to; not listed until finished.
    func beginPRTFReport(clinicID: Int64, createdBy: Int64, request: PRTFRequest, filename: String, timeZone: String, at: Timestamp)
        async throws(BackendError) -> Int64
    func appendPRTFLines(reportID: Int64, firstLine: Int, _ lines: [String]) async throws(BackendError)
    /// Marks the report made, with its numbers, and appends `audit` in the same transaction.
    func finishPRTFReport(reportID: Int64, patientCount: Int, emptyColumns: [String: Int], audit: AuditEntry)
        async throws(BackendError) -> PRTFReport
    /// Removes a report that failed half way.
    func discardPRTFReport(reportID: Int64) async throws(BackendError)
    /// The clinic's finished reports, newest first.
    func prtfReports(clinicID: Int64, page: PageRequest) async throws(BackendError) -> Page<PRTFReport>
    func prtfReport(id: Int64, clinicID: Int64) async throws(BackendError) -> PRTFReport
    /// Up to `limit` lines after `afterLine` (the header is line 0), in order.
    func prtfReportLines(reportID: Int64, afterLine: Int, limit: Int) async throws(BackendError) -> [(line: Int, text: String)]
}

extension PRTFReportStore {
    /// Members read per page while generating.
    public static var prtfPageSize: Int { 500 }

    /// Makes and keeps a report: members streamed page by page through the writer, lines kept
    /// as they are made, the report finished (and audited as `audit`, given its id) only when
    /// every member was written. `progress` hears (patients read, patients in all).
    public func generatePRTFReport(
        _ request: PRTFRequest, clinicID: Int64, createdBy: Int64, zone: TimeZone, now: Timestamp = .now(),
        audit: @Sendable (Int64) -> AuditEntry, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(BackendError) -> PRTFReport {
        var writer = PRTFWriter(request: request, zone: zone)
        let total = try await prtfPatientCount(clinicID: clinicID)
        let filename = request.filename(madeOn: WallClock.local(now, zone).date)
        let id = try await beginPRTFReport(
            clinicID: clinicID, createdBy: createdBy, request: request, filename: filename, timeZone: zone.identifier, at: now)
        do throws(BackendError) {
            try await appendPRTFLines(reportID: id, firstLine: 0, [writer.headerLine])
            var nextLine = 1
            var after: Int64 = 0
            var read = 0
            progress?(0, total)
            while true {
                let members = try await prtfMembers(
                    clinicID: clinicID, afterPatientID: after, limit: Self.prtfPageSize, eventsBefore: writer.period.endsBefore)
                guard let last = members.last else { break }
                let lines = members.compactMap { writer.line(for: $0) }
                if !lines.isEmpty { try await appendPRTFLines(reportID: id, firstLine: nextLine, lines) }
                nextLine += lines.count
                after = last.patientID
                read += members.count
                progress?(min(read, total), total)
            }
            return try await finishPRTFReport(reportID: id, patientCount: writer.listed, emptyColumns: writer.emptyColumns, audit: audit(id))
        } catch {
            try? await discardPRTFReport(reportID: id)
            throw error
        }
    }

    /// Writes a kept report's file to `write`, `pageSize` lines at a time, each ending CRLF: the
    /// one reading of a kept report, for the download and the CLI's file.
    public func streamPRTFReport(id: Int64, pageSize: Int = 1_000, _ write: (String) async throws -> Void) async throws(BackendError) {
        var after = -1
        while true {
            let lines = try await prtfReportLines(reportID: id, afterLine: after, limit: pageSize)
            guard let last = lines.last else { return }
            do {
                try await write(lines.map { $0.text + CSVLine.terminator }.joined())
            } catch {
                throw .unavailable("Could not write the report: \(error.localizedDescription)")
            }
            after = last.line
        }
    }
}
