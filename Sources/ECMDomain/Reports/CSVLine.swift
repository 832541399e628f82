/// RFC 4180 records: a cell holding a comma, a double quote, CR or LF is quoted, with its quotes
/// doubled; lines end CRLF. Text is written as it is kept (UTF-8), names with accents and CJK
/// included.
public enum CSVLine {
    public static let terminator = "\r\n"

    /// One record, without its terminator; nil cells are empty.
    public static func make(_ cells: [String?]) -> String {
        var line = ""
        for (index, cell) in cells.enumerated() {
            if index > 0 { line += "," }
            guard let cell else { continue }
            // By scalar: a comma or quote followed by a combining mark is one Character, not a comma.
            let scalars = cell.unicodeScalars
            if scalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) {
                var quoted = String.UnicodeScalarView()
                quoted.append("\"")
                for scalar in scalars {
                    quoted.append(scalar)
                    if scalar == "\"" { quoted.append("\"") }
                }
                quoted.append("\"")
                line += String(quoted)
            } else {
                line += cell
            }
        }
        return line
    }
}
