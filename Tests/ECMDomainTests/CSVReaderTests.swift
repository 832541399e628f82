import ECMDomain
import ECMTestSupport
import Testing

/// RFC 4180 as member files come: quoting, doubled quotes, line breaks of every kind, a byte
/// order mark, a blank last line; malformed text refused naming its record; and whatever
/// `CSVLine` writes reads back the same.
struct CSVReaderTests {
    static func fields(_ text: String) throws -> [[String]] { try CSVReader.records(text).map(\.fields) }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let text = "name,note\r\n\"Núñez, José\",\"said \"\"hi\"\"\r\nthen left\"\r\n\"王秀英\",\"a\nb\"\n"
        #expect(try Self.fields(text) == [["name", "note"], ["Núñez, José", "said \"hi\"\r\nthen left"], ["王秀英", "a\nb"]])
    }

    @Test func recordsAreNumberedFromTheHeaderCountingBlankLines() throws {
        let records = try CSVReader.records("a,b\n1,2\n\n\"x\ny\",3\n,\n")
        #expect(records.map(\.number) == [1, 2, 3, 4, 5])
        #expect(records.map(\.isBlank) == [false, false, true, false, true])
        #expect(records[3].fields == ["x\ny", "3"])
    }

    @Test func lineBreaksByteOrderMarkAndTheLastLine() throws {
        #expect(try Self.fields("\u{FEFF}a,b\r\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try Self.fields("a,b\r1,2\r") == [["a", "b"], ["1", "2"]], "a lone CR ends a record")
        #expect(try Self.fields("a,b\n1,2\n") == [["a", "b"], ["1", "2"]], "a last line break starts no record")
        #expect(try Self.fields("a,\n,\"\"") == [["a", ""], ["", ""]])
        #expect(try Self.fields("a,b,") == [["a", "b", ""]])
        #expect(try Self.fields("").isEmpty)
    }

    @Test func malformedTextIsRefusedNamingItsRecord() {
        #expect(throws: CSVReader.Failure.self) { try CSVReader.records("a,b\n\"open,2\n") }
        do {
            _ = try CSVReader.records("a,b\n1,2\n3,4\"5\n")
            Issue.record("a bare quote was read")
        } catch {
            #expect(error.description == "row 3: a quote inside an unquoted field (quote the field and double the quote)")
        }
        do {
            _ = try CSVReader.records("a,b\n\"1\"x,2\n")
            Issue.record("text after a closing quote was read")
        } catch {
            #expect(error.record == 2)
        }
        // Latin-1, as some spreadsheets save: the first record with such a byte is named.
        #expect(throws: CSVReader.Failure(record: 2, problem: "not UTF-8 text (save the file as CSV UTF-8)")) {
            try CSVReader.records([0x61, 0x2C, 0x62, 0x0A, 0x4A, 0x6F, 0x73, 0xE9, 0x2C, 0x31, 0x0A, 0xFF])
        }
    }

    /// Records of generated text with commas, quotes, every line break, accents, CJK and emoji,
    /// written by `CSVLine` (RFC 4180 quoting, CRLF), read back field for field.
    @Test(arguments: 0..<20) func whatCSVLineWritesReadsBackTheSame(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let pieces = [",", "\"", "\r\n", "\n", "\r", " ", "a", "Z", "9", "é", "Ñ", "ü", "王", "秀", "英", "😀", "🇺🇸", "\u{301}", "''", ";", "\t"]
        var records: [[String]] = []
        for _ in 0..<Int.random(in: 1...30, using: &random) {
            records.append((0..<Int.random(in: 1...6, using: &random)).map { _ in
                (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            })
        }
        let text = records.map { CSVLine.make($0) + CSVLine.terminator }.joined()
        let read = try CSVReader.records(text)
        #expect(read.map(\.fields) == records, "seed \(seed)")
        #expect(read.map(\.number) == Array(1...records.count))
    }
}
