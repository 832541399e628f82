import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// The JSON parser every request body goes through: strict, and the last duplicate key wins.
struct JSONParserTests {
    @Test func theLastOfDuplicateKeysWinsAtEveryLevel() throws {
        let value = try JSONValue(parsing: #"{"a": 1, "b": {"x": "first", "x": "last"}, "a": [2]}"#.utf8)
        #expect(value == .object(["a": .array([.integer(2)]), "b": .object(["x": .string("last")])]))
    }

    @Test(arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "'x'", "01", "-", "1.", ".5", "1e", "+1",
        "tru", "nul", "[1] [2]", "\"a", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"",
        "1e400", "-1e400", "\"a\u{01}b\"", "\"tab\there\"", "NaN", "Infinity",
        String(repeating: "[", count: 101) + String(repeating: "]", count: 101),
    ])
    func malformedDocumentsAreRefused(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text.utf8) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0xFF, 0xFE, 0x22]) }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x22]) }
    }

    @Test func scalarsEscapesAndNumbers() throws {
        #expect(try JSONValue(parsing: #" "\u00e9\ud83c\udf89\n\/\u0000" "#.utf8) == .string("é🎉\n/\u{0}"))
        #expect(try JSONValue(parsing: "9223372036854775807".utf8) == .integer(.max))
        #expect(try JSONValue(parsing: "-9223372036854775808".utf8) == .integer(.min))
        #expect(try JSONValue(parsing: "9223372036854775808".utf8) == .number(9_223_372_036_854_775_808))
        #expect(try JSONValue(parsing: "-0.5e-1".utf8) == .number(-0.05))
        #expect(try JSONValue(parsing: "[true,false,null,{}]".utf8) == .array([.bool(true), .bool(false), .null, .object([:])]))
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: Never.self) { try JSONValue(parsing: deep.utf8) }
    }

    /// Generated documents, written with random spacing and escapes and with duplicate keys
    /// whose earlier values must lose, parse to exactly the value they were written from.
    @Test func generatedDocumentsParseToTheValueTheyWereWrittenFrom() throws {
        for seed in UInt64(1)...300 {
            var random = SplitMix64(seed: seed)
            let value = Self.randomValue(&random, depth: 0)
            let text = Self.write(value, &random)
            let parsed = try JSONValue(parsing: text.utf8)
            #expect(parsed == value, "seed \(seed): \(text)")
        }
    }

    /// Documents cut short or with a byte changed never crash the parser; what it accepts
    /// writes back out to text that parses to the same value.
    @Test func damagedDocumentsAreRefusedOrRoundTrip() throws {
        for seed in UInt64(1)...300 {
            var random = SplitMix64(seed: seed)
            var bytes = Array(Self.write(Self.randomValue(&random, depth: 0), &random).utf8)
            let position = Int.random(in: 0..<bytes.count, using: &random)
            if Bool.random(using: &random) {
                bytes.removeSubrange(position...)
            } else {
                bytes[position] = UInt8.random(in: 0...255, using: &random)
            }
            guard let parsed = try? JSONValue(parsing: bytes) else { continue }
            #expect(try JSONValue(parsing: ECMJSON.encode(parsed)) == parsed, "seed \(seed)")
        }
    }

    private static func randomValue(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth < 4 ? 8 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(Int64.random(in: Int64.min...Int64.max, using: &random) >> Int64.random(in: 0...63, using: &random))
        case 3: return .number(Double(2 * Int.random(in: -1_000_000...1_000_000, using: &random) + 1) / 128)
        case 4, 5: return .string(randomString(&random))
        case 6: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                members[randomString(&random)] = randomValue(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }

    private static let alphabet: [Character] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "é", "王", "🎉", "\u{301}"]

    private static func randomString(_ random: inout SplitMix64) -> String {
        String((0..<Int.random(in: 0...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
    }

    private static func space(_ random: inout SplitMix64) -> String {
        ["", "", " ", "\n", "\t ", "\r\n"].randomElement(using: &random)!
    }

    /// JSON text for the value; objects also get a decoy earlier member for some keys.
    private static func write(_ value: JSONValue, _ random: inout SplitMix64) -> String {
        switch value {
        case .null, .bool, .integer, .number: return String(decoding: ECMJSON.encode(value), as: UTF8.self)
        case .string(let text): return writeString(text, &random)
        case .array(let items):
            return "[" + items.map { space(&random) + write($0, &random) + space(&random) }.joined(separator: ",") + "]"
        case .object(let members):
            var parts: [String] = []
            for (key, member) in members {
                if Int.random(in: 0..<3, using: &random) == 0 {
                    parts.append(writeString(key, &random) + ":" + "\"decoy\"")
                }
                parts.append(space(&random) + writeString(key, &random) + space(&random) + ":" + space(&random) + write(member, &random))
            }
            return "{" + parts.joined(separator: ",") + space(&random) + "}"
        }
    }

    /// A string literal, with some characters written as `\u` escapes (pairs beyond the BMP).
    private static func writeString(_ text: String, _ random: inout SplitMix64) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
            if mustEscape || Int.random(in: 0..<4, using: &random) == 0 {
                for unit in String(scalar).utf16 { out += String(format: "\\u%04x", unit) }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
