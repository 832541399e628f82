import ECMDomain

/// Word wrapping by display width (CJK and emoji count double), breaking long words when needed.
public enum Wrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in TerminalSafe.block(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let w = DisplayWidth.of(word)
                let gap = line.isEmpty ? 0 : 1
                if lineWidth + gap + w <= width {
                    line += (gap == 1 ? " " : "") + word
                    lineWidth += gap + w
                    continue
                }
                if !line.isEmpty { result.append(line) }
                line = ""
                lineWidth = 0
                // A word longer than the line is cut into pieces.
                for character in word {
                    let cw = DisplayWidth.of(character)
                    if lineWidth + cw > width {
                        result.append(line)
                        line = ""
                        lineWidth = 0
                    }
                    line.append(character)
                    lineWidth += cw
                }
            }
            result.append(line)
        }
        return result
    }
}
