import ECMDomain

/// One terminal cell: a grapheme (or nothing, for the right half of a wide one) and its style.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown; empty for the second column of a wide grapheme.
    public var text: String
    public var style: Style

    public init(_ text: String = " ", style: Style = .normal) {
        self.text = text
        self.style = style
    }

    public static let blank = Cell()
    /// The second column of a two-column grapheme.
    public static func continuation(_ style: Style) -> Cell { Cell("", style: style) }
}

/// A frame drawn in memory: views write into it; the terminal driver shows only what changed
/// since the previous frame; tests compare it as text.
public struct Buffer: Sendable, Equatable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width * size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Fills a rectangle with a style (and spaces).
    public mutating func fill(_ rect: Rect, style: Style = .normal) {
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { self[x, y] = Cell(" ", style: style) }
        }
    }

    /// Writes text from (x, y) within `width` columns, cutting with "…" when it does not fit.
    /// Control characters are made visible; a wide grapheme never straddles the edge.
    /// Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, width: Int? = nil, style: Style = .normal) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(width ?? (size.width - x), size.width - x)
        guard limit > 0 else { return 0 }
        if DisplayWidth.isPrintableASCII(text) { return writeASCII(text, x: x, y: y, limit: limit, style: style) }
        if let width = DisplayWidth.ofScalarsStandingAlone(text) {
            return writeScalars(text, width: width, x: x, y: y, limit: limit, style: style)
        }
        return writeGraphemes(text, x: x, y: y, limit: limit, style: style)
    }

    /// `write` for any text: cleaned for the terminal, then grapheme by grapheme. The other
    /// paths must lay text out exactly as this one does (a generated test compares them).
    mutating func writeGraphemes(_ text: String, x: Int, y: Int, limit: Int, style: Style) -> Int {
        let safe = TerminalSafe.line(text)
        let fits = safe.reduce(0) { $0 + DisplayWidth.of($1) } <= limit
        var column = 0
        for character in safe {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A lone zero-width grapheme (a stray combining mark) joins the previous cell.
                if column > 0, x + column - 1 >= 0 { self[x + column - 1, y].text.append(contentsOf: String(character)) }
                continue
            }
            let room = fits ? limit : limit - 1
            if column + w > room {
                if !fits, column < limit {
                    if x + column >= 0 { self[x + column, y] = Cell("…", style: style) }
                    column += 1
                }
                break
            }
            if x + column >= 0 {
                self[x + column, y] = Cell(String(character), style: style)
                if w == 2 { self[x + column + 1, y] = .continuation(style) }
            }
            column += w
        }
        return column
    }

    /// Each printable ASCII character as a cell's text, made once rather than once per cell.
    private static let asciiText: [String] = (0x20..<0x7F).map { String(UnicodeScalar(UInt8($0))) }

    /// `write` for printable ASCII: a byte is a cell, there is nothing to clean or measure.
    private mutating func writeASCII(_ text: String, x: Int, y: Int, limit: Int, style: Style) -> Int {
        let utf8 = text.utf8
        let fits = utf8.count <= limit
        var column = 0
        for byte in utf8.prefix(fits ? limit : limit - 1) {
            if x + column >= 0 { self[x + column, y] = Cell(Self.asciiText[Int(byte &- 0x20)], style: style) }
            column += 1
        }
        if !fits {
            if x + column >= 0 { self[x + column, y] = Cell("…", style: style) }
            column += 1
        }
        return column
    }

    /// `write` for text whose scalars each stand alone (`DisplayWidth.standsAlone`): a scalar is
    /// a grapheme, one or two cells, with nothing to clean.
    private mutating func writeScalars(_ text: String, width: Int, x: Int, y: Int, limit: Int, style: Style) -> Int {
        let fits = width <= limit
        let room = fits ? limit : limit - 1
        var column = 0
        for scalar in text.unicodeScalars {
            let w = DisplayWidth.of(scalar)
            if column + w > room { break }
            if x + column >= 0 {
                self[x + column, y] = Cell(String(Character(scalar)), style: style)
                if w == 2 { self[x + column + 1, y] = .continuation(style) }
            }
            column += w
        }
        if !fits, column < limit {
            if x + column >= 0 { self[x + column, y] = Cell("…", style: style) }
            column += 1
        }
        return column
    }

    /// Writes text and pads the rest of `width` with the style (for highlighted rows).
    public mutating func writeRow(_ text: String, x: Int, y: Int, width: Int, style: Style = .normal) {
        fill(Rect(x: x, y: y, width: width, height: 1), style: style)
        write(text, x: x, y: y, width: width, style: style)
    }

    /// The frame as plain text, one line per row, trailing spaces kept: what snapshot tests compare.
    public var plainText: String {
        var lines: [String] = []
        lines.reserveCapacity(size.height)
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width { line += self[x, y].text }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The frame's styles as runs, one line per row that has any besides `.normal`:
    /// `3: 0-5 title+bold, 7-11 typeTask+bold` (columns inclusive). Golden screens keep it under
    /// the text, so a lost highlight or a wrong colour fails a test as a changed word does.
    public var styleRuns: String {
        var lines: [String] = []
        for y in 0..<size.height {
            var runs: [String] = []
            var x = 0
            while x < size.width {
                let style = self[x, y].style
                var end = x
                while end + 1 < size.width, self[end + 1, y].style == style { end += 1 }
                if style != .normal {
                    runs.append("\(x)-\(end) \(style.role)" + (style.bold ? "+bold" : "") + (style.underline ? "+underline" : ""))
                }
                x = end + 1
            }
            if !runs.isEmpty { lines.append("\(y): " + runs.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }

    /// The cells that differ from `previous` (all of them when the size changed).
    public func changes(since previous: Buffer?) -> [CellChange] {
        var changes: [CellChange] = []
        let all = previous == nil || previous?.size != size
        for index in cells.indices where all || cells[index] != previous!.cells[index] {
            changes.append(CellChange(x: index % size.width, y: index / size.width, cell: cells[index]))
        }
        return changes
    }
}

/// A cell to (re)draw.
public struct CellChange: Hashable, Sendable {
    public let x: Int
    public let y: Int
    public let cell: Cell
}
