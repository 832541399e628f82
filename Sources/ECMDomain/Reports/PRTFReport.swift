/// A PRTF report an administrator made: what was asked, the file's name, how many members it
/// lists (`prtf_report`, the vendor's shape). `url` is where it downloads; `empty_columns` (how
/// many listed members each column was empty for) and `time_zone` (whose days the period's
/// dates are) are extensions.
public struct PRTFReport: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var filename: String
    public var request: PRTFRequest
    public var patientCount: Int
    /// Header → members for whom it was empty; columns never empty are left out.
    public var emptyColumns: [String: Int]
    public var timeZone: String
    public var createdByID: Int64
    public var createdAt: Timestamp

    public init(
        id: Int64, filename: String, request: PRTFRequest, patientCount: Int, emptyColumns: [String: Int], timeZone: String,
        createdByID: Int64, createdAt: Timestamp
    ) {
        self.id = id
        self.filename = filename
        self.request = request
        self.patientCount = patientCount
        self.emptyColumns = emptyColumns
        self.timeZone = timeZone
        self.createdByID = createdByID
        self.createdAt = createdAt
    }

    /// Where the file downloads, on the server's own path.
    public var url: String { "/v1/admin/clinic/ecm/prtf_reports/\(id)/download" }
}

extension PRTFReport: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("filename", filename)
            writer.member("start_date", request.startDate)
            writer.member("end_date", request.endDate)
            writer.member("provider_npi", request.providerNPI)
            writer.member("provider_name", request.providerName)
            writer.member("provider_phone", request.providerPhone)
            writer.member("patient_count", Int64(patientCount))
            writer.member("url", url)
            // Extensions (documented).
            writer.member("empty_columns", JSONValue.object(emptyColumns.mapValues { .integer(Int64($0)) }))
            writer.member("time_zone", timeZone)
            writer.member("created_by_id", createdByID)
            writer.member("created_at", createdAt)
        }
    }
}

extension PRTFReport: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, filename, url
        case startDate = "start_date", endDate = "end_date", providerNPI = "provider_npi", providerName = "provider_name"
        case providerPhone = "provider_phone", patientCount = "patient_count", emptyColumns = "empty_columns", timeZone = "time_zone"
        case createdByID = "created_by_id", createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        filename = try c.decode(String.self, forKey: .filename)
        request = PRTFRequest(
            startDate: try c.decode(CivilDate.self, forKey: .startDate), endDate: try c.decode(CivilDate.self, forKey: .endDate),
            providerNPI: try c.decodeIfPresent(String.self, forKey: .providerNPI),
            providerName: try c.decodeIfPresent(String.self, forKey: .providerName),
            providerPhone: try c.decodeIfPresent(String.self, forKey: .providerPhone))
        patientCount = try c.decode(Int.self, forKey: .patientCount)
        emptyColumns = try c.decodeIfPresent([String: Int].self, forKey: .emptyColumns) ?? [:]
        timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone) ?? "UTC"
        createdByID = try c.decodeIfPresent(Int64.self, forKey: .createdByID) ?? 0
        createdAt = try c.decodeIfPresent(Timestamp.self, forKey: .createdAt) ?? Timestamp(milliseconds: 0)
    }
}

/// `{"message": "PRTF report generated successfully", "prtf_report": {...}}` (201) or
/// `{"prtf_report": {...}}`.
public struct PRTFReportBody: Sendable, JSONWritable, Decodable {
    public var message: String?
    public var report: PRTFReport
    enum CodingKeys: String, CodingKey { case message, report = "prtf_report" }
    public init(_ report: PRTFReport, message: String? = nil) {
        self.report = report
        self.message = message
    }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            if let message { writer.member("message", message) }
            writer.member("prtf_report", report)
        }
    }
    public static let generatedMessage = "PRTF report generated successfully"
}

/// `{"prtf_reports": [...], "pagination": {...}}`: newest first.
public struct PRTFReportsBody: Sendable, JSONWritable, Decodable {
    public var page: Page<PRTFReport>
    enum CodingKeys: String, CodingKey { case reports = "prtf_reports", pagination }
    public init(_ page: Page<PRTFReport>) { self.page = page }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        page = Page(items: try c.decode([PRTFReport].self, forKey: .reports), pagination: try c.decode(Pagination.self, forKey: .pagination))
    }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("prtf_reports", page.items)
            writer.member("pagination", page.pagination)
        }
    }
}
