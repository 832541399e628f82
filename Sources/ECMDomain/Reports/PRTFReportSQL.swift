/// The SQL both stores share for PRTF reports (`?` placeholders; PostgreSQL numbers them).
public enum PRTFReportSQL {
    /// The report's columns, in the order `report(_:)` readers expect.
    public static let columns = """
        id, filename, start_date, end_date, provider_npi, provider_name, provider_phone, patient_count, empty_columns, time_zone,
        created_by_id, created_at
        """

    public static let begin = """
        INSERT INTO prtf_reports (clinic_id, created_by_id, filename, start_date, end_date, provider_npi, provider_name, provider_phone,
          patient_count, created_at, time_zone)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
        """
    public static let finish = "UPDATE prtf_reports SET patient_count = ?, empty_columns = ?, completed_at = ? WHERE id = ?"
    public static let count = "SELECT COUNT(*) FROM prtf_reports WHERE clinic_id = ? AND completed_at IS NOT NULL"
    public static let page = """
        SELECT \(columns) FROM prtf_reports WHERE clinic_id = ? AND completed_at IS NOT NULL ORDER BY id DESC LIMIT ? OFFSET ?
        """
    public static let one = "SELECT \(columns) FROM prtf_reports WHERE id = ? AND clinic_id = ? AND completed_at IS NOT NULL"
    public static let lines = "SELECT line, text FROM prtf_report_lines WHERE report_id = ? AND line > ? ORDER BY line LIMIT ?"
    public static let discard = "DELETE FROM prtf_reports WHERE id = ?"
    public static let patientCount = "SELECT COUNT(*) FROM patients WHERE clinic_id = ?"

    /// A page of patients with their member record and lead care manager's name: the columns
    /// a patient row reads (no open count: the report does not show it), then `lead_name`.
    public static let members = """
        SELECT p.id, p.name, p.date_of_birth, NULL AS last_activity_at, 0 AS open_activities_count,
          \(MemberField.allCases.map { "p." + $0.column }.joined(separator: ", ")), u.name AS lead_name
        FROM patients p LEFT JOIN users u ON u.id = p.lead_care_manager_id
        WHERE p.clinic_id = ? AND p.id > ? ORDER BY p.id LIMIT ?
        """

    /// A report's empty-column counts as kept (JSON text).
    public static func emptyColumnsText(_ counts: [String: Int]) -> String {
        String(decoding: JSONWriter.bytes(of: JSONValue.object(counts.mapValues { .integer(Int64($0)) })), as: UTF8.self)
    }

    public static func emptyColumns(fromText text: String?) -> [String: Int] {
        guard let text, case .object(let object)? = try? JSONValue(parsing: text.utf8) else { return [:] }
        return object.compactMapValues { if case .integer(let count) = $0 { Int(count) } else { nil } }
    }
}
