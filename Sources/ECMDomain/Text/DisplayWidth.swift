/// How many terminal columns text takes: CJK and most emoji take two, combining marks none.
/// Kept here, free of the terminal and the locale, so every machine lays text out the same way.
public enum DisplayWidth {
    public static func of(_ text: String) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        if let width = ofScalarsStandingAlone(text) { return width }
        return text.reduce(0) { $0 + of($1) }
    }

    public static func of(_ text: Substring) -> Int {
        of(String(text))
    }

    /// Whether every byte is printable ASCII (space to tilde): one column each, nothing to clean.
    /// Most of what a screen shows is, and it is measured without looking at graphemes. Concrete
    /// and over the contiguous bytes: drawing a frame asks this of every string it writes, and the
    /// generic version (a `Sequence` of bytes, unspecialised across modules) was a third of a frame.
    public static func isPrintableASCII(_ text: String) -> Bool {
        let utf8 = text.utf8
        if let answer = utf8.withContiguousStorageIfAvailable({ bytes in bytes.allSatisfy { $0 &- 0x20 < 0x5F } }) {
            return answer
        }
        return utf8.allSatisfy { $0 &- 0x20 < 0x5F }
    }

    /// Whether a scalar is a grapheme on its own wherever it stands, and is shown as it is: nothing
    /// to clean (`TerminalSafe`) and nothing that joins it to a neighbour (combining marks,
    /// joiners, variation selectors, jamo). Latin, Greek, Cyrillic, punctuation, arrows, symbols,
    /// kana, CJK ideographs and Hangul syllables: what names and list lines are made of.
    public static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x2FF, 0x370...0x482: true
        case 0x2010...0x2027, 0x2030...0x205F, 0x2070...0x20CF, 0x2100...0x2BFF: true
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x4E00...0x9FFF, 0xAC00...0xD7A3: true
        default: false
        }
    }

    /// The width of text whose every scalar `standsAlone`, or nil when one does not: then each
    /// scalar is one grapheme, and text is measured and drawn scalar by scalar, without the
    /// grapheme breaking that `Character` iteration costs.
    public static func ofScalarsStandingAlone(_ text: String) -> Int? {
        var width = 0
        for scalar in text.unicodeScalars {
            guard standsAlone(scalar) else { return nil }
            width += of(scalar)
        }
        return width
    }

    /// A grapheme cluster's width: its first scalar decides, an emoji presentation makes it two.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue { return ascii >= 0x20 && ascii < 0x7F ? 1 : 0 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.dropFirst().contains(where: { $0.value == 0xFE0F }) { return 2 }
        return of(first)
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        // Below the combining marks (U+0300) only the soft hyphen, a format character, takes no
        // column: the general category, a table lookup, is not needed.
        if value < 0x300 { return value == 0xAD ? 0 : 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0x1160...0x11FF).contains(value) { return 0 }
        return isWide(value) ? 2 : 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        return (0x1100...0x115F).contains(v) || v == 0x2329 || v == 0x232A
            || (0x231A...0x231B).contains(v) || (0x23E9...0x23EC).contains(v) || v == 0x23F0 || v == 0x23F3
            || (0x25FD...0x25FE).contains(v) || (0x2614...0x2615).contains(v)
            || (0x2648...0x2653).contains(v) || v == 0x267F || v == 0x2693 || v == 0x26A1
            || (0x26AA...0x26AB).contains(v) || (0x26BD...0x26BE).contains(v)
            || (0x26C4...0x26C5).contains(v) || v == 0x26CE || v == 0x26D4 || v == 0x26EA
            || (0x26F2...0x26F3).contains(v) || v == 0x26F5 || v == 0x26FA || v == 0x26FD
            || v == 0x2705 || (0x270A...0x270B).contains(v) || v == 0x2728 || v == 0x274C
            || v == 0x274E || (0x2753...0x2755).contains(v) || v == 0x2757
            || (0x2795...0x2797).contains(v) || v == 0x27B0 || v == 0x27BF
            || (0x2B1B...0x2B1C).contains(v) || v == 0x2B50 || v == 0x2B55
            || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xA000...0xA4CF).contains(v) || (0xA960...0xA97F).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE10...0xFE19).contains(v) || (0xFE30...0xFE6F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            || (0x16FE0...0x16FE4).contains(v) || (0x17000...0x18CFF).contains(v)
            || (0x1B000...0x1B2FF).contains(v) || v == 0x1F004 || v == 0x1F0CF || v == 0x1F18E
            || (0x1F191...0x1F19A).contains(v) || (0x1F200...0x1F251).contains(v)
            || (0x1F300...0x1F320).contains(v) || (0x1F32D...0x1F335).contains(v)
            || (0x1F337...0x1F37C).contains(v) || (0x1F37E...0x1F393).contains(v)
            || (0x1F3A0...0x1F3CA).contains(v) || (0x1F3CF...0x1F3D3).contains(v)
            || (0x1F3E0...0x1F3F0).contains(v) || v == 0x1F3F4 || (0x1F3F8...0x1F43E).contains(v)
            || v == 0x1F440 || (0x1F442...0x1F4FC).contains(v) || (0x1F4FF...0x1F53D).contains(v)
            || (0x1F54B...0x1F54E).contains(v) || (0x1F550...0x1F567).contains(v) || v == 0x1F57A
            || (0x1F595...0x1F596).contains(v) || v == 0x1F5A4 || (0x1F5FB...0x1F64F).contains(v)
            || (0x1F680...0x1F6C5).contains(v) || v == 0x1F6CC || (0x1F6D0...0x1F6D2).contains(v)
            || (0x1F6D5...0x1F6D7).contains(v) || (0x1F6DC...0x1F6DF).contains(v)
            || (0x1F6EB...0x1F6EC).contains(v) || (0x1F6F4...0x1F6FC).contains(v)
            || (0x1F7E0...0x1F7EB).contains(v) || v == 0x1F7F0 || (0x1F90C...0x1F93A).contains(v)
            || (0x1F93C...0x1F945).contains(v) || (0x1F947...0x1F9FF).contains(v)
            || (0x1FA70...0x1FAFF).contains(v) || (0x20000...0x2FFFD).contains(v)
            || (0x30000...0x3FFFD).contains(v)
    }
}

extension String {
    /// Cut to at most `width` columns, ending with "…" when something was cut.
    public func truncated(toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(self) <= width { return self }
        var result = ""
        var used = 0
        for character in self {
            let w = DisplayWidth.of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    /// Padded with spaces (or cut) to exactly `width` columns.
    public func padded(toWidth width: Int) -> String {
        let cut = truncated(toWidth: width)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }
}
