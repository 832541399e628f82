/// Formatting and parsing of ISO 8601 timestamps without Foundation's formatters: these run in
/// hot paths (every list row) and must behave identically on every platform and locale.
extension Timestamp {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, always UTC, always milliseconds.
    public var iso8601: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the 24 bytes of `iso8601`, without making a string (every list row has several).
    public func appendISO8601(to bytes: inout [UInt8]) {
        let (days, msOfDay) = milliseconds.floorDividedBy(86_400_000)
        CivilDate(daysSinceEpoch: days).appendISO8601(to: &bytes)
        bytes.append(UInt8(ascii: "T"))
        bytes.appendDigits(Int(msOfDay / 3_600_000), width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDigits(Int(msOfDay / 60_000 % 60), width: 2)
        bytes.append(UInt8(ascii: ":"))
        bytes.appendDigits(Int(msOfDay / 1000 % 60), width: 2)
        bytes.append(UInt8(ascii: "."))
        bytes.appendDigits(Int(msOfDay % 1000), width: 3)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Parses ISO 8601 date-times: `2024-11-20T10:00:00Z`, `…:00.5Z`, `…:00.123+02:00`,
    /// `…:00-0800`, a space instead of `T`, and minutes-only times (`2024-12-01 14:00`, read as
    /// UTC). A bare date (`2024-12-01`) is midnight UTC. Returns nil for anything else.
    public init?(iso8601 text: String) {
        var scanner = DigitScanner(text.utf8)
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
            let month = scanner.number(digits: 2), scanner.skip("-"),
            let day = scanner.number(digits: 2),
            let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        var ms: Int64 = 0
        var offsetMinutes: Int64 = 0
        if !scanner.atEnd {
            guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "),
                let hour = scanner.number(digits: 2), hour < 24, scanner.skip(":"),
                let minute = scanner.number(digits: 2), minute < 60
            else { return nil }
            var second = 0
            if scanner.skip(":") {
                guard let s = scanner.number(digits: 2), s < 60 else { return nil }
                second = s
                if scanner.skip(".") || scanner.skip(",") {
                    guard let fraction = scanner.fractionMilliseconds() else { return nil }
                    ms = Int64(fraction)
                }
            }
            ms += Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000
            if scanner.skip("Z") || scanner.skip("z") {
            } else if let sign = scanner.sign() {
                guard let oh = scanner.number(digits: 2), oh < 24 else { return nil }
                let colon = scanner.skip(":")
                var om = 0
                if colon || !scanner.atEnd {
                    guard let m = scanner.number(digits: 2), m < 60 else { return nil }
                    om = m
                }
                offsetMinutes = sign * Int64(oh * 60 + om)
            }
            guard scanner.atEnd else { return nil }
        }
        let milliseconds = date.daysSinceEpoch * 86_400_000 + ms - offsetMinutes * 60_000
        // An offset must not carry the instant outside the years 0001–9999 that can be written back.
        guard Timestamp.representable.contains(milliseconds) else { return nil }
        self.init(milliseconds: milliseconds)
    }

    /// 0001-01-01T00:00:00.000Z … 9999-12-31T23:59:59.999Z.
    public static let representable: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999
}

/// A proleptic Gregorian calendar date, converted with Howard Hinnant's days-from-civil algorithm.
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the day does not exist (2023-02-29, 2024-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CivilDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yoe + era * 400 + (m <= 2 ? 1 : 0))
        month = Int(m)
        day = Int(d)
    }

    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = Int64(month > 2 ? month - 3 : month + 9)
        let doy = (153 * mp + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public var iso8601: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        appendISO8601(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the 10 bytes of `iso8601`.
    public func appendISO8601(to bytes: inout [UInt8]) {
        bytes.appendDigits(year, width: 4)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDigits(month, width: 2)
        bytes.append(UInt8(ascii: "-"))
        bytes.appendDigits(day, width: 2)
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso8601 text: String) {
        var scanner = DigitScanner(text.utf8)
        guard let y = scanner.number(digits: 4), scanner.skip("-"),
            let m = scanner.number(digits: 2), scanner.skip("-"),
            let d = scanner.number(digits: 2), scanner.atEnd
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension CivilDate: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CivilDate(iso8601: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not a YYYY-MM-DD date: \(text)")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}

extension CivilDate: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.quoted { bytes in appendISO8601(to: &bytes) }
    }
}

private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ utf8: String.UTF8View) { bytes = Array(utf8) }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(character.value) else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for offset in 0..<digits {
            let byte = bytes[index + offset]
            guard (48...57).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }

    /// Reads 1–9 fraction digits and returns them as whole milliseconds (truncated).
    mutating func fractionMilliseconds() -> Int? {
        var value = 0
        var count = 0
        while index < bytes.count, (48...57).contains(bytes[index]) {
            if count < 3 { value = value * 10 + Int(bytes[index] - 48) }
            count += 1
            index += 1
        }
        guard (1...9).contains(count) else { return nil }
        if count < 3 {
            for _ in count..<3 { value *= 10 }
        }
        return value
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

extension [UInt8] {
    /// `value` in decimal, zero-padded to `width` digits.
    fileprivate mutating func appendDigits(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        // Out of range (a year past 9999 made from raw milliseconds): the digits as they are.
        guard value >= 0, value / divisor < 10 else { return append(contentsOf: String(value).utf8) }
        var rest = value
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}

extension Int64 {
    /// Floor division and the non-negative remainder.
    fileprivate func floorDividedBy(_ divisor: Int64) -> (Int64, Int64) {
        let q = self / divisor
        let r = self % divisor
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }
}
