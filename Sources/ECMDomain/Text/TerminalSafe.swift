/// Text from the data made safe to show in a terminal: control characters and escape sequences
/// become visible (`␛[31m`, `^G`) instead of acting on the terminal; newlines and tabs become
/// spaces unless kept.
public enum TerminalSafe {
    public static func line(_ text: String) -> String { clean(text, keepNewlines: false) }

    public static func block(_ text: String) -> String { clean(text, keepNewlines: true) }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        guard text.unicodeScalars.contains(where: needsCare) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepNewlines: out.append(scalar)
            case 0x0A, 0x0D, 0x09: out.append(" ")
            case 0x1B: out.append("␛")
            case 0x00..<0x20: out.append(contentsOf: "^\(Character(Unicode.Scalar(scalar.value + 64)!))".unicodeScalars)
            case 0x7F: out.append(contentsOf: "^?".unicodeScalars)
            case 0x80..<0xA0: out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            // Bidirectional overrides and isolates would reorder the rest of the line.
            case 0x202A...0x202E, 0x2066...0x2069:
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16))}".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    private static func needsCare(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}
