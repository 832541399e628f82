import ECMDomain
import Foundation
import Testing

/// The one rule for times people type and read (issue 9, item 3).
struct WallClockTests {
    static let losAngeles = TimeZone(identifier: "America/Los_Angeles")!

    @Test(arguments: [
        ("2026-12-08 14:00", "2026-12-08T22:00:00.000Z"),
        ("2026-07-08 14:00", "2026-07-08T21:00:00.000Z"),
        ("2026-12-08T14:00", "2026-12-08T22:00:00.000Z"),
        ("2026-12-08", "2026-12-08T08:00:00.000Z"),
        ("2026-12-08T14:00:00Z", "2026-12-08T14:00:00.000Z"),
        ("2026-12-08T14:00:00-05:00", "2026-12-08T19:00:00.000Z"),
        (" 2026-12-08 14:00 ", "2026-12-08T22:00:00.000Z"),
    ])
    func typedTimesAreLocalUnlessTheyCarryAnOffset(typed: String, utc: String) {
        #expect(WallClock.parse(typed, Self.losAngeles)?.iso8601 == utc)
    }

    @Test func notATime() {
        #expect(WallClock.parse("tomorrow 2pm", Self.losAngeles) == nil)
    }

    @Test func shownTimesNameTheirZone() {
        let winter = Timestamp(iso8601: "2026-12-08T22:00:00Z")!
        let summer = Timestamp(iso8601: "2026-07-08T21:00:00Z")!
        #expect(WallClock.dateTimeWithZone(winter, Self.losAngeles) == "2026-12-08 14:00 PST")
        #expect(WallClock.dateTimeWithZone(summer, Self.losAngeles) == "2026-07-08 14:00 PDT")
        #expect(WallClock.dateTimeWithZone(winter, TimeZone(identifier: "UTC")!) == "2026-12-08 22:00 UTC")
        #expect(WallClock.zoneName(TimeZone(identifier: "Europe/Berlin")!, at: winter) == "GMT+1")
    }

    /// Whatever wall-clock minute is typed, showing it again gives back what was typed (away
    /// from the hour that daylight saving skips).
    @Test func readingThenShowingARoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let day = CivilDate(daysSinceEpoch: Int64.random(in: 0...40_000, using: &generator))
            let hour = Int.random(in: 4...23, using: &generator), minute = Int.random(in: 0...59, using: &generator)
            let typed = "\(day.iso8601) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
            let parsed = WallClock.parse(typed, Self.losAngeles)
            #expect(parsed.map { WallClock.dateTime($0, Self.losAngeles) } == typed)
        }
    }
}
