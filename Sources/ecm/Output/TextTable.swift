import ECMDomain

/// A plain table for the terminal: columns sized by display width, the last one (usually the
/// free text) cut to fit the terminal.
struct TextTable {
    var headers: [String]
    var rows: [[String]] = []

    init(_ headers: String...) { self.headers = headers }

    mutating func add(_ cells: String...) { rows.append(cells.map(TerminalSafe.line)) }

    func render(width: Int = Output.terminalWidth) -> String {
        var widths = headers.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
        if let last = widths.indices.last { widths[last] = max(10, min(widths[last], width - fixed)) }
        func format(_ cells: [String]) -> String {
            var line = ""
            for (index, cell) in cells.enumerated() {
                let isLast = index == cells.count - 1
                line += isLast ? cell.truncated(toWidth: widths[index]) : cell.padded(toWidth: widths[index]) + "  "
            }
            return line
        }
        return ([format(headers)] + rows.map(format)).joined(separator: "\n")
    }
}
