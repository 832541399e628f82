import ECMDomain
import ECMTUI
import Testing

/// The cell buffer: display width, cutting, escaping, and frame differences.
struct BufferTests {
    private func row(_ buffer: Buffer, _ y: Int = 0) -> String {
        (0..<buffer.size.width).map { buffer[$0, y].text }.joined()
    }

    @Test func wideCharactersTakeTwoCellsAndAreCutWholeWithAnEllipsis() {
        var buffer = Buffer(size: Size(width: 10, height: 1))
        #expect(buffer.write("王秀英", x: 0, y: 0, width: 5) == 5)
        #expect(buffer[0, 0].text == "王" && buffer[1, 0].text == "" && buffer[2, 0].text == "秀")
        #expect(buffer[4, 0].text == "…")
        var edge = Buffer(size: Size(width: 3, height: 1))
        edge.write("ab王", x: 0, y: 0)
        #expect(row(edge) == "ab…")
    }

    @Test func asciiIsLaidOutExactlyAsOtherTextOfTheSameWidth() {
        // Printable ASCII takes a shorter path; "é" (two bytes, one column) takes the general one.
        for width in 0...8 {
            for x in [-2, 0, 3] {
                var fast = Buffer(size: Size(width: 9, height: 1))
                var general = Buffer(size: Size(width: 9, height: 1))
                let fastUsed = fast.write("abcdef", x: x, y: 0, width: width)
                let generalUsed = general.write("abcdéf", x: x, y: 0, width: width)
                #expect(fastUsed == generalUsed, "width \(width), x \(x)")
                #expect(row(fast) == row(general).replacingOccurrences(of: "é", with: "e"), "width \(width), x \(x)")
            }
        }
        #expect(DisplayWidth.of("abc") == 3 && DisplayWidth.of("a\u{AD}b") == 2 && DisplayWidth.of("ü\u{7F}") == 1)
    }

    @Test func combiningMarksAndEmojiStayInTheirCells() {
        var buffer = Buffer(size: Size(width: 12, height: 1))
        let used = buffer.write("Cafe\u{301} 👍!", x: 0, y: 0)
        #expect(used == 8)
        #expect(buffer[3, 0].text == "e\u{301}")
        #expect(buffer[5, 0].text == "👍" && buffer[6, 0].text == "")
        #expect(buffer[7, 0].text == "!")
    }

    @Test func controlCharactersAndEscapesAreShownNotSent() {
        var buffer = Buffer(size: Size(width: 20, height: 1))
        buffer.write("\u{1B}[31mred\u{07}\tx", x: 0, y: 0)
        #expect(row(buffer).hasPrefix("␛[31mred^G x"))
        #expect(!row(buffer).unicodeScalars.contains { $0.value < 0x20 })
        var rtl = Buffer(size: Size(width: 20, height: 1))
        rtl.write("a\u{202E}evil", x: 0, y: 0)
        #expect(!row(rtl).unicodeScalars.contains { $0.value == 0x202E })
    }

    @Test func onlyChangedCellsAreRedrawn() {
        var first = Buffer(size: Size(width: 20, height: 3))
        first.write("one", x: 0, y: 0)
        var second = first
        second.write("two", x: 0, y: 1)
        #expect(first.changes(since: nil).count == 60)
        #expect(second.changes(since: first).map(\.y) == [1, 1, 1])
        #expect(second.changes(since: second).isEmpty)
        #expect(Buffer(size: Size(width: 21, height: 3)).changes(since: first).count == 63)
    }

    /// One `j` in the timeline at 200×50 redraws a few rows, not the screen.
    @Test func aCursorMoveRedrawsLittle() {
        var harness = Harness(size: Size(width: 200, height: 50))
        harness.answerFetches(activities: 200)
        harness.press(.enter)
        harness.answerFetches(activities: 200)
        let before = View.render(harness.state).buffer
        harness.press(.character("j"))
        harness.answerFetches(activities: 200)
        let after = View.render(harness.state).buffer
        let changed = after.changes(since: before)
        #expect(Set(changed.map(\.y)).count < 50)
        #expect(changed.count < 200 * 50 / 4)
    }

    @Test func wrappingUsesDisplayWidth() {
        #expect(Wrap.lines("王秀英 likes tea", width: 6) == ["王秀英", "likes", "tea"])
        #expect(Wrap.lines("abcdefgh", width: 3) == ["abc", "def", "gh"])
        #expect(Wrap.lines("one\n\ntwo", width: 10) == ["one", "", "two"])
    }
}
