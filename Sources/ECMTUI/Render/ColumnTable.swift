import ECMDomain

/// Which columns of a table fit a width, and where each goes: one flexible column (a name)
/// takes what the fixed ones leave, never less than its minimum; when they do not all fit, the
/// fixed column of lowest priority goes first. Columns are separated by one space.
public struct ColumnTable<Key: Hashable & Sendable>: Sendable {
    public struct Column: Sendable {
        public var key: Key
        public var header: String
        /// Columns wide (the flexible column's minimum).
        public var width: Int
        /// Higher stays longer; the flexible column always stays.
        public var priority: Int
        public var alignRight: Bool

        public init(_ key: Key, _ header: String, width: Int, priority: Int = 0, alignRight: Bool = false) {
            self.key = key
            self.header = header
            self.width = width
            self.priority = priority
            self.alignRight = alignRight
        }
    }

    /// A column placed: where it starts and how wide it is, in the table's columns.
    public struct Placed: Sendable {
        public var column: Column
        public var x: Int
        public var width: Int
    }

    /// The columns shown, left to right.
    public let placed: [Placed]
    public let width: Int

    /// `flexible` first, then `fixed` in their order; the flexible column is at least its
    /// `width` (or the whole table when narrower than that).
    public init(width: Int, flexible: Column, fixed: [Column]) {
        let total = max(0, width)
        self.width = total
        var kept = fixed
        func used() -> Int { kept.reduce(0) { $0 + $1.width + 1 } }
        while !kept.isEmpty, total - used() < flexible.width {
            let lowest = kept.indices.min { kept[$0].priority < kept[$1].priority }!
            kept.remove(at: lowest)
        }
        var placed = [Placed(column: flexible, x: 0, width: max(0, total - used()))]
        var x = placed[0].width
        for column in kept {
            placed.append(Placed(column: column, x: x + 1, width: column.width))
            x += column.width + 1
        }
        self.placed = placed
    }

    public func shows(_ key: Key) -> Bool { placed.contains { $0.column.key == key } }

    /// The header row, cut to the table's width.
    public var header: String { line { $0.header } }

    /// A row as text: each shown column's value padded (or right-aligned) to its width.
    public func line(_ value: (Column) -> String) -> String {
        var text = ""
        for cell in placed {
            if cell.x > 0 { text += " " }
            let value = value(cell.column).truncated(toWidth: cell.width)
            let pad = String(repeating: " ", count: max(0, cell.width - DisplayWidth.of(value)))
            text += cell.column.alignRight ? pad + value : value + pad
        }
        return text
    }
}
