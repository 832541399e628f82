import ECMDomain
import Foundation
import Testing

struct TimestampTests {
    // MARK: Formatting

    static let formatted: [(Int64, String)] = [
        (0, "1970-01-01T00:00:00.000Z"),
        (1, "1970-01-01T00:00:00.001Z"),
        (999, "1970-01-01T00:00:00.999Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-1000, "1969-12-31T23:59:59.000Z"),
        (-86_400_000, "1969-12-31T00:00:00.000Z"),
        (-14_182_940_000, "1969-07-20T20:17:40.000Z"),
        (-2_208_988_800_000, "1900-01-01T00:00:00.000Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (951_868_800_000, "2000-03-01T00:00:00.000Z"),
        (1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
        (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
        (1_732_096_800_000, "2024-11-20T10:00:00.000Z"),
        (1_732_096_800_500, "2024-11-20T10:00:00.500Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ]

    @Test(arguments: formatted)
    func formats(_ milliseconds: Int64, _ expected: String) {
        let timestamp = Timestamp(milliseconds: milliseconds)
        #expect(timestamp.iso8601 == expected)
        #expect(timestamp.description == expected)
        #expect(Timestamp(iso8601: expected) == timestamp)
    }

    // MARK: Parsing

    static let parsed: [(String, Int64)] = [
        ("2024-11-20T10:00:00Z", 1_732_096_800_000),
        ("2024-11-20T10:00:00.000Z", 1_732_096_800_000),
        ("2024-11-20T10:00:00.5Z", 1_732_096_800_500),
        ("2024-11-20T10:00:00.05Z", 1_732_096_800_050),
        ("2024-11-20T10:00:00.123Z", 1_732_096_800_123),
        ("2024-11-20t10:00:00z", 1_732_096_800_000),
        ("2024-11-20T12:00:00+02:00", 1_732_096_800_000),
        ("2024-11-20T12:30:00.000+02:30", 1_732_096_800_000),
        ("2024-11-20T02:00:00-0800", 1_732_096_800_000),
        ("2024-11-20T02:00:00-08:00", 1_732_096_800_000),
        ("2024-11-20T10:00:00+00:00", 1_732_096_800_000),
        ("2024-11-20T10:00:00", 1_732_096_800_000),
        ("2024-11-20T10:00Z", 1_732_096_800_000),
        ("2024-12-01 14:00", 1_733_061_600_000),
        ("2024-12-01 14:00:00", 1_733_061_600_000),
        ("2024-12-01", 1_733_011_200_000),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
        ("1969-12-31T23:59:59.999Z", -1),
        ("2024-12-01T01:00:00+02:00", 1_733_007_600_000),
    ]

    @Test(arguments: parsed)
    func parses(_ text: String, _ milliseconds: Int64) {
        #expect(Timestamp(iso8601: text)?.milliseconds == milliseconds)
    }

    @Test(arguments: [
        "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31", "2024-13-01", "2024-00-10",
        "2024-11-00", "0000-01-01", "2024-11-20T25:00:00Z", "2024-11-20T24:00:00Z",
        "2024-11-20T10:60:00Z", "2024-11-20T10:00:60Z", "yesterday", "", " ",
        "2024-11-20T10:00:00Zjunk", "2024-11-20junk", "2024-11-20T", "2024-11-20T10",
        "2024-11-20T10:00:00.Z", "2024-1-01", "24-11-20", "2024/11/20", "2024-11-20T10:00:00+25:00",
        "2024-11-20T10:00:00+02:60", "2024-11-20T10:00:00.1234567890Z", " 2024-11-20",
        "2024-11-20T1O:00:00Z", "２０２４-11-20",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp(iso8601: text) == nil)
    }

    /// Fractions longer than milliseconds are truncated. (Four or more digits used to trap in
    /// the parser: an invalid range in `fractionMilliseconds`.)
    @Test func longFractionsAreTruncatedToMilliseconds() {
        #expect(Timestamp(iso8601: "2024-11-20T10:00:00.1239Z")?.milliseconds == 1_732_096_800_123)
        #expect(Timestamp(iso8601: "2024-11-20T10:00:00.123456Z")?.milliseconds == 1_732_096_800_123)
        #expect(Timestamp(iso8601: "2024-11-20T10:00:00.999999999Z")?.milliseconds == 1_732_096_800_999)
        #expect(Timestamp(iso8601: "2024-11-20T12:00:00.123456+02:00")?.milliseconds == 1_732_096_800_123)
    }

    /// Offsets used to push instants past year 9999, which then could not be written back.
    @Test func offsetsCannotLeaveTheWritableYears() {
        #expect(Timestamp(iso8601: "9999-12-31T23:59:59-23:59") == nil)
        #expect(Timestamp(iso8601: "0001-01-01T00:00:00+00:01") == nil)
        #expect(Timestamp(iso8601: "9999-12-31T23:59:59.999Z")?.iso8601 == "9999-12-31T23:59:59.999Z")
        #expect(Timestamp(iso8601: "0001-01-01T00:00:00Z")?.iso8601 == "0001-01-01T00:00:00.000Z")
    }

    @Test func anOffsetEndingInAColonIsRejected() {
        #expect(Timestamp(iso8601: "2024-11-20T10:00:00+02:") == nil)
        #expect(Timestamp(iso8601: "2024-11-20T10:00:00+02") != nil)
    }

    // MARK: Round trips

    /// Deterministic pseudo-random milliseconds across years 0001–9999, plus edges.
    static let samples: [Int64] = {
        let low: Int64 = -62_135_596_800_000
        let high: Int64 = 253_402_300_799_999
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var values: [Int64] = [low, high, 0, -1, 1, 86_399_999, 86_400_000, -86_400_001, 1_709_164_800_000]
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(low + Int64((state >> 11) % UInt64(high - low + 1)))
        }
        return values
    }()

    @Test func formattingThenParsingGivesTheSameInstant() {
        for ms in Self.samples {
            let timestamp = Timestamp(milliseconds: ms)
            let text = timestamp.iso8601
            #expect(text.count == 24, "\(ms)")
            #expect(Timestamp(iso8601: text) == timestamp, "\(ms) → \(text)")
        }
    }

    @Test func formattingAgreesWithFoundation() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        // Foundation's Gregorian calendar is not proleptic before 1582, so stay after it; compare
        // whole seconds so that floating point cannot get in the way.
        for ms in Self.samples where ms > -12_000_000_000_000 {
            let seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000)
            let ours = Timestamp(milliseconds: seconds * 1000).iso8601
            let foundation = formatter.string(from: Date(timeIntervalSince1970: Double(seconds)))
            #expect(ours == foundation.dropLast() + ".000Z", "\(ms)")
        }
    }

    @Test func codableUsesTheISOString() throws {
        let timestamp = Timestamp(milliseconds: 1_732_096_800_500)
        let data = try JSONEncoder().encode([timestamp])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-11-20T10:00:00.500Z"]"#)
        #expect(try JSONDecoder().decode([Timestamp].self, from: data) == [timestamp])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([Timestamp].self, from: Data(#"["yesterday"]"#.utf8))
        }
    }

    @Test func orderingAndArithmetic() {
        let t = Timestamp(milliseconds: 1_000)
        #expect(t < Timestamp(milliseconds: 1_001))
        #expect(Timestamp(milliseconds: -5) < t)
        #expect(t.adding(seconds: 60).milliseconds == 61_000)
        #expect(t.adding(seconds: -2).milliseconds == -1_000)
    }
}

struct CivilDateTests {
    struct Row: Sendable {
        let text: String
        let year: Int
        let month: Int
        let day: Int
        let days: Int64
        init(_ text: String, _ year: Int, _ month: Int, _ day: Int, _ days: Int64) {
            (self.text, self.year, self.month, self.day, self.days) = (text, year, month, day, days)
        }
    }

    static let rows: [Row] = [
        Row("2024-02-29", 2024, 2, 29, 19_782),
        Row("1970-01-01", 1970, 1, 1, 0),
        Row("1969-12-31", 1969, 12, 31, -1),
        Row("2000-02-29", 2000, 2, 29, 11_016),
        Row("0001-01-01", 1, 1, 1, -719_162),
        Row("9999-12-31", 9999, 12, 31, 2_932_896),
    ]

    @Test(arguments: rows)
    func parsesAndFormats(_ row: Row) throws {
        let (text, year, month, day, days) = (row.text, row.year, row.month, row.day, row.days)
        let date = try #require(CivilDate(iso8601: text))
        #expect(date.year == year)
        #expect(date.month == month)
        #expect(date.day == day)
        #expect(date.iso8601 == text)
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
        #expect(CivilDate(year: year, month: month, day: day) == date)
    }

    @Test(arguments: [
        "2023-02-29", "1900-02-29", "2024-02-30", "2024-04-31", "2024-06-31", "2024-09-31",
        "2024-11-31", "2024-13-01", "2024-00-01", "2024-01-00", "2024-01-32", "0000-01-01",
        "2024-1-01", "2024-01-1", "2024-01-01T00:00:00Z", "2024-01-01 ", "", "today", "20240101",
    ])
    func rejects(_ text: String) {
        #expect(CivilDate(iso8601: text) == nil)
    }

    @Test func rejectsImpossibleComponents() {
        #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2100, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
        #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CivilDate(year: 2024, month: 1, day: 0) == nil)
    }

    @Test func padsSmallYears() {
        #expect(CivilDate(year: 99, month: 1, day: 5)?.iso8601 == "0099-01-05")
    }

    @Test func everyDayRoundTrips() {
        // 1900-01-01 through 2101-01-01, day by day: consecutive and well-formed.
        var previous: CivilDate?
        for days in Int64(-25_567)...Int64(47_847) {
            let date = CivilDate(daysSinceEpoch: days)
            #expect(date.daysSinceEpoch == days)
            #expect(CivilDate(iso8601: date.iso8601) == date)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }

    @Test func codable() throws {
        let date = try #require(CivilDate(iso8601: "1950-03-14"))
        let data = try JSONEncoder().encode([date])
        #expect(String(decoding: data, as: UTF8.self) == #"["1950-03-14"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: data) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["1950-02-30"]"#.utf8))
        }
    }
}
