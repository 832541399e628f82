import ECMDomain
import Testing

struct SearchKeyTests {
    static let foldCases: [(String, String)] = [
        ("Núñez", "nunez"),
        ("José Núñez", "jose nunez"),
        ("Nguyễn", "nguyen"),
        ("Nguyễn Thị Hoa", "nguyen thi hoa"),
        ("Đặng", "dang"),
        ("ÁNGEL", "angel"),
        ("Øyvind Łukasz Straße", "oyvind lukasz strasse"),
        ("Zoë Brontë", "zoe bronte"),
        ("王秀英", "王秀英"),
        ("김민준", "김민준"),
        ("plain", "plain"),
        ("", ""),
    ]

    @Test(arguments: foldCases)
    func folds(_ text: String, _ expected: String) {
        #expect(SearchKey.fold(text) == expected)
    }

    @Test func foldingIsIdempotentAndMatchesSubstrings() {
        for (text, _) in Self.foldCases {
            let once = SearchKey.fold(text)
            #expect(SearchKey.fold(once) == once)
        }
        #expect(SearchKey.fold("José Núñez").contains(SearchKey.fold("NUNEZ")))
        // Precomposed and decomposed spellings fold alike.
        #expect(SearchKey.fold("Nu\u{303}n\u{303}ez") == SearchKey.fold("Ñuñez"))
    }
}

struct DisplayWidthTests {
    static let widths: [(String, Int)] = [
        ("abc", 3),
        ("", 0),
        ("王秀英", 6),
        ("김민준", 6),
        ("e\u{301}", 1),
        ("👍", 2),
        ("👍🏽", 2),
        ("Núñez", 5),
        ("Nu\u{303}n\u{303}ez", 5),
        ("Արամ", 4),
        ("ｱｲｳ", 3),
        ("ＡＢ", 4),
        ("a\u{200B}b", 2),
        ("\u{1B}", 0),
        ("…", 1),
    ]

    @Test(arguments: widths)
    func widthOf(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width)
    }
}

struct TruncationTests {
    static let samples = [
        "abc", "王秀英", "김민준 Kim", "Núñez", "e\u{301}e\u{301}e\u{301}", "👍👍👍", "Follow up with patient",
        "a王b秀c英", "",
    ]

    @Test(arguments: samples)
    func truncatedNeverExceedsTheWidth(_ text: String) {
        for width in 0...14 {
            let cut = text.truncated(toWidth: width)
            #expect(DisplayWidth.of(cut) <= width, "\(text) → \(cut) at \(width)")
            if DisplayWidth.of(text) <= width {
                #expect(cut == text)
            } else if width > 0 {
                #expect(cut.hasSuffix("…"), "\(text) → \(cut) at \(width)")
                #expect(text.hasPrefix(cut.dropLast()), "\(text) → \(cut) at \(width)")
            } else {
                #expect(cut == "")
            }
        }
    }

    @Test(arguments: samples)
    func paddedIsExactlyTheWidth(_ text: String) {
        for width in 0...14 {
            let padded = text.padded(toWidth: width)
            #expect(DisplayWidth.of(padded) == width, "\(text) → \(padded) at \(width)")
        }
    }

    @Test func examples() {
        #expect("王秀英".truncated(toWidth: 4) == "王…")
        #expect(DisplayWidth.of("王秀英".truncated(toWidth: 4)) <= 4)
        #expect("王秀英".truncated(toWidth: 6) == "王秀英")
        #expect("王秀英".truncated(toWidth: 5) == "王秀…")
        #expect("abcdef".truncated(toWidth: 4) == "abc…")
        #expect("abc".truncated(toWidth: 1) == "…")
        #expect("王秀英".padded(toWidth: 4) == "王… ")
        #expect("ab".padded(toWidth: 5) == "ab   ")
        #expect("Núñez".padded(toWidth: 6) == "Núñez ")
    }
}

/// True for scalars a terminal would act on: C0, DEL, C1, and bidirectional overrides/isolates.
private func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v < 0x20 || (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
}

struct TerminalSafeTests {
    static let hostile: [String] = [
        "\u{1B}[31mred",
        "\u{1B}]0;title\u{7}",
        "bell\u{7}",
        "nul\u{0}byte",
        "del\u{7F}",
        "csi\u{9B}31m",
        "back\u{8}space",
        "left\u{202E}tfel",
        "isolate\u{2066}x\u{2069}",
        "line\none\r\ntwo\tthree",
    ]

    @Test(arguments: hostile)
    func lineHasNoControlCharacters(_ text: String) {
        let safe = TerminalSafe.line(text)
        #expect(!safe.unicodeScalars.contains(where: isUnsafe), "\(safe.debugDescription)")
        #expect(!safe.contains("\n"))
    }

    @Test(arguments: hostile)
    func blockHasNoControlCharactersButNewlines(_ text: String) {
        let safe = TerminalSafe.block(text)
        #expect(!safe.unicodeScalars.contains { $0 != "\n" && isUnsafe($0) }, "\(safe.debugDescription)")
        #expect(safe.unicodeScalars.filter { $0 == "\n" }.count == text.unicodeScalars.filter { $0 == "\n" }.count)
    }

    @Test func escapeSequencesBecomeVisible() {
        let safe = TerminalSafe.line("\u{1B}[31mred")
        #expect(!safe.unicodeScalars.contains { $0.value == 0x1B })
        #expect(safe.hasSuffix("[31mred"))
        #expect(safe.count > "[31mred".count)
    }

    @Test func newlines() {
        #expect(TerminalSafe.line("a\nb") == "a b")
        #expect(TerminalSafe.line("a\tb") == "a b")
        #expect(TerminalSafe.block("a\nb") == "a\nb")
        #expect(!TerminalSafe.block("a\r\nb").unicodeScalars.contains { $0 == "\r" })
        #expect(TerminalSafe.block("a\r\nb").contains("\n"))
    }

    @Test func bidiOverrideIsNeutralised() {
        let safe = TerminalSafe.line("abc\u{202E}def")
        #expect(!safe.unicodeScalars.contains { $0.value == 0x202E })
        #expect(safe.hasPrefix("abc"))
        #expect(safe.hasSuffix("def"))
    }

    @Test(arguments: ["plain", "Núñez 王秀英 👍", "", "quotes \" and \\"])
    func ordinaryTextIsUnchanged(_ text: String) {
        #expect(TerminalSafe.line(text) == text)
        #expect(TerminalSafe.block(text) == text)
    }
}
