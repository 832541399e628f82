import ECMDomain
import Testing

@testable import ECMTUI

/// `Buffer.write` takes shortcuts for printable ASCII and for text whose scalars each stand alone;
/// over generated text, widths and positions they must lay text out exactly as the general,
/// grapheme-by-grapheme path does.
struct BufferPathTests {
    /// Every scalar `standsAlone` claims is one grapheme beside any neighbour, needs no cleaning,
    /// and is as wide alone as as a `Character`.
    @Test func aScalarThatStandsAloneIsAGraphemeWhateverItsNeighbours() {
        let neighbours: [Unicode.Scalar] = ["a", "é", "王", "✔", "\u{AC00}", "\u{30A2}"]
        var checked = 0
        for value in UInt32(0x20)...0xD7A3 {
            guard let scalar = Unicode.Scalar(value), DisplayWidth.standsAlone(scalar) else { continue }
            checked += 1
            let alone = String(Character(scalar))
            #expect(TerminalSafe.line(alone) == alone, "U+\(String(value, radix: 16)) is cleaned")
            #expect(DisplayWidth.of(Character(scalar)) == DisplayWidth.of(scalar), "U+\(String(value, radix: 16))")
            for neighbour in neighbours {
                var text = String.UnicodeScalarView()
                text.append(neighbour)
                text.append(scalar)
                text.append(neighbour)
                #expect(String(text).count == 3, "U+\(String(value, radix: 16)) joins U+\(String(neighbour.value, radix: 16))")
            }
        }
        #expect(checked > 36_000)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func theShortcutsLayTextOutAsTheGeneralPathDoes(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let pool: [String] = ["a", "Z", " ", "·", "—", "é", "ñ", "✔", "↳", "✉", "✅", "王", "秀", "ア", "한", "Ω", "Ж", "…", "€"]
        for _ in 0..<400 {
            let length = Int.random(in: 0...14, using: &random)
            let text = (0..<length).map { _ in pool.randomElement(using: &random)! }.joined()
            let asciiOnly = String(text.filter(\.isASCII))
            for candidate in [text, asciiOnly] {
                let width = Int.random(in: 1...16, using: &random)
                let x = Int.random(in: -3...6, using: &random)
                var shortcut = Buffer(size: Size(width: 16, height: 1))
                var general = Buffer(size: Size(width: 16, height: 1))
                let shortcutUsed = shortcut.write(candidate, x: x, y: 0, width: width)
                let limit = min(width, 16 - x)
                let generalUsed = limit > 0 ? general.writeGraphemes(candidate, x: x, y: 0, limit: limit, style: .normal) : 0
                #expect(shortcutUsed == generalUsed, "\(candidate.debugDescription) width \(width) x \(x)")
                #expect(shortcut == general, "\(candidate.debugDescription) width \(width) x \(x)")
            }
        }
    }
}
