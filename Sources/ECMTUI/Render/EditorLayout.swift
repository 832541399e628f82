import ECMDomain

/// How a text being edited is shown: wrapped at the width by character (so every position has a
/// place) and where its cursor falls.
public struct EditorLayout: Equatable, Sendable {
    public var lines: [String]
    /// Row and column (in cells) of the cursor.
    public var cursorRow: Int
    public var cursorColumn: Int

    public init(_ input: TextInput, width: Int) {
        let width = max(1, width)
        var lines: [String] = [""]
        var column = 0
        var cursor = (row: 0, column: 0)
        let characters = Array(TerminalSafe.block(input.text))
        for (index, character) in characters.enumerated() {
            if index == input.cursor { cursor = (lines.count - 1, column) }
            if character == "\n" {
                lines.append("")
                column = 0
                continue
            }
            let w = DisplayWidth.of(character)
            if column + w > width {
                lines.append("")
                column = 0
            }
            lines[lines.count - 1].append(character)
            column += w
        }
        if input.cursor >= characters.count {
            if column >= width {
                lines.append("")
                column = 0
            }
            cursor = (lines.count - 1, column)
        }
        self.lines = lines
        cursorRow = cursor.row
        cursorColumn = cursor.column
    }

    /// The rows to show in `height` rows, keeping the cursor's row visible.
    public func visible(height: Int) -> (first: Int, lines: ArraySlice<String>) {
        let first = max(0, min(cursorRow - height + 1, lines.count - height))
        let start = max(0, first)
        return (start, lines[start..<min(lines.count, start + max(0, height))])
    }
}
