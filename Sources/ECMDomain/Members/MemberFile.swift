/// A plan's member file (CSV, `ecm-server patients import`): a header row naming the columns
/// (`PatientColumn(header:)`), then one new member per row. Each row is read as a command's
/// options are; its messages carry its row number, the header being row 1. Blank rows are
/// skipped. Importing only adds members: a CIN a member of the clinic already has is a row's
/// error, so a file imported twice adds nobody the second time.
public struct MemberFile: Sendable {
    /// One write per row that is not blank, in the file's order.
    public let writes: [PatientWrite]

    /// Reads the file; `.validation` when it is not CSV or its header cannot be used (nothing
    /// else can be checked then). The rows' own messages are in their writes.
    public init(_ bytes: some Sequence<UInt8>, clinicID: Int64, today: CivilDate) throws(BackendError) {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(bytes) } catch { throw .validation([error.description]) }
        guard let header = records.first else { throw .validation(["The file is empty: it needs a header row naming its columns"]) }
        let columns = try Self.columns(header.fields)
        writes = records.dropFirst().filter { !$0.isBlank }.map { record in
            let label = "row \(record.number)"
            guard record.fields.count == columns.count else {
                return PatientWrite(
                    .add(clinicID: clinicID), PatientChange(),
                    messages: ["has \(record.fields.count) fields where the header has \(columns.count)"], label: label)
            }
            let (change, messages) = PatientChange.reading(Dictionary(uniqueKeysWithValues: zip(columns, record.fields)), today: today)
            return PatientWrite(.add(clinicID: clinicID), change, messages: messages, label: label)
        }
    }

    /// The header's columns, or every reason it cannot be used: a column not known, one named
    /// twice, no name, a name given whole and in parts.
    static func columns(_ header: [String]) throws(BackendError) -> [PatientColumn] {
        var messages: [String] = []
        var columns: [PatientColumn] = []
        let unknown = header.filter { PatientColumn(header: $0) == nil }
        if !unknown.isEmpty {
            let accepted = PatientColumn.allCases.map(\.key).joined(separator: ", ")
            messages.append("row 1: unknown column\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\(TerminalSafe.line($0))\"" }.joined(separator: ", ")) (the columns are \(accepted))")
        }
        for name in header {
            guard let column = PatientColumn(header: name) else { continue }
            if columns.contains(column) { messages.append("row 1: the column \(column.key) is named twice") }
            columns.append(column)
        }
        let hasParts = columns.contains(.firstName) || columns.contains(.lastName)
        if columns.contains(.name), hasParts {
            messages.append("row 1: give the name whole (name) or in parts (first_name, last_name), not both")
        } else if !columns.contains(.name), !hasParts, unknown.isEmpty {
            messages.append("row 1: a column must give the name (name, or first_name and last_name)")
        }
        guard messages.isEmpty else { throw .validation(messages) }
        return columns
    }
}
