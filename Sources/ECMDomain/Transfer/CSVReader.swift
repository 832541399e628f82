/// Reads RFC 4180 text (what `CSVLine` writes, and what spreadsheets export): fields separated by
/// commas, records by CRLF, LF or a lone CR; a field in double quotes may hold commas, line
/// breaks and doubled quotes, kept exactly as written. A UTF-8 byte order mark at the start is
/// skipped, and a line break at the very end ends the last record rather than starting an
/// empty one. A quote inside an unquoted field, text after a closing quote, an unclosed
/// quote and text that is not UTF-8 are refused, naming the record: a member file read wrong
/// would import wrong data.
public enum CSVReader {
    /// One record and its number in the file (the first record, usually the header, is 1).
    public struct Record: Sendable, Hashable {
        public var number: Int
        public var fields: [String]

        public init(number: Int, fields: [String]) {
            self.number = number
            self.fields = fields
        }

        /// A blank line, or a row of empty cells (spreadsheets export them).
        public var isBlank: Bool { fields.allSatisfy(\.isEmpty) }
    }

    /// Why the text is not CSV, and in which record.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public let record: Int
        public let problem: String
        public var description: String { "row \(record): \(problem)" }

        public init(record: Int, problem: String) {
            self.record = record
            self.problem = problem
        }
    }

    /// Every record of `bytes` (UTF-8), in order.
    public static func records(_ bytes: some Sequence<UInt8>) throws(Failure) -> [Record] {
        var input = Array(bytes)
        if input.starts(with: [0xEF, 0xBB, 0xBF]) { input.removeFirst(3) }
        return try parse(input)
    }

    /// Every record of `text`, in order.
    public static func records(_ text: String) throws(Failure) -> [Record] {
        try records(Array(text.utf8))
    }

    private static let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    private static func parse(_ input: [UInt8]) throws(Failure) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var index = 0
        var number = 1
        // Separators are ASCII, which UTF-8 never uses inside a character: fields split the
        // same whatever the encoding, and the first record not in UTF-8 is named.
        var notUTF8: Int?

        func endField() {
            if let text = String(validating: field, as: UTF8.self) {
                fields.append(text)
            } else {
                fields.append("")
                notUTF8 = notUTF8 ?? number
            }
            field.removeAll(keepingCapacity: true)
        }
        func endRecord() {
            endField()
            records.append(Record(number: number, fields: fields))
            fields.removeAll(keepingCapacity: true)
            number += 1
        }
        /// Steps over a line break at `index` (CRLF counts as one); true when there was one.
        func lineBreak() -> Bool {
            guard index < input.count else { return false }
            if input[index] == lf { index += 1; return true }
            if input[index] == cr {
                index += 1
                if index < input.count, input[index] == lf { index += 1 }
                return true
            }
            return false
        }
        /// After a field: the input's end or a line break ends the record, a comma the field
        /// (and the record, when the input ends there); false when none of them follows.
        func separator() -> Bool {
            if index == input.count {
                endRecord()
            } else if input[index] == comma {
                index += 1
                endField()
                if index == input.count { endRecord() }
            } else if lineBreak() {
                endRecord()
            } else {
                return false
            }
            return true
        }

        while index < input.count {
            if input[index] == quote {
                // A quoted field: up to the quote that is not doubled.
                index += 1
                while true {
                    guard index < input.count else { throw Failure(record: number, problem: "a quoted field is not closed") }
                    let byte = input[index]
                    index += 1
                    if byte != quote {
                        field.append(byte)
                    } else if index < input.count, input[index] == quote {
                        field.append(quote)
                        index += 1
                    } else {
                        break
                    }
                }
                guard separator() else {
                    throw Failure(record: number, problem: "text after a closing quote (a quote inside a field must be doubled)")
                }
                continue
            }
            // An unquoted field: up to a comma or a line break.
            while index < input.count, input[index] != comma, input[index] != cr, input[index] != lf {
                if input[index] == quote {
                    throw Failure(record: number, problem: "a quote inside an unquoted field (quote the field and double the quote)")
                }
                field.append(input[index])
                index += 1
            }
            // It stopped at the end, a comma or a line break: one of them follows.
            _ = separator()
        }
        if let notUTF8 { throw Failure(record: notUTF8, problem: "not UTF-8 text (save the file as CSV UTF-8)") }
        return records
    }
}
