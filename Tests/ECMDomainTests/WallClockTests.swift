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

    /// Reported from use: 02:30 on the morning the clocks spring forward was stored as 01:30 PST.
    @Test func daylightSavingChanges() {
        // A time the clocks skip lands after the change, as far past it as typed.
        #expect(WallClock.parse("2026-03-08 02:30", Self.losAngeles)?.iso8601 == "2026-03-08T10:30:00.000Z")
        #expect(WallClock.dateTimeWithZone(WallClock.parse("2026-03-08 02:30", Self.losAngeles)!, Self.losAngeles) == "2026-03-08 03:30 PDT")
        // Either side of it, exact.
        #expect(WallClock.parse("2026-03-08 01:59", Self.losAngeles)?.iso8601 == "2026-03-08T09:59:00.000Z")
        #expect(WallClock.parse("2026-03-08 03:00", Self.losAngeles)?.iso8601 == "2026-03-08T10:00:00.000Z")
        // A time passed twice is the first of the two (PDT), and the hour after is PST.
        #expect(WallClock.parse("2026-11-01 01:30", Self.losAngeles)?.iso8601 == "2026-11-01T08:30:00.000Z")
        #expect(WallClock.parse("2026-11-01 02:30", Self.losAngeles)?.iso8601 == "2026-11-01T10:30:00.000Z")
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

    /// Whatever wall-clock minute is typed, showing it again gives back what was typed, except
    /// in the hour the clocks skip, which lands an hour later.
    @Test func readingThenShowingARoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let day = CivilDate(daysSinceEpoch: Int64.random(in: 0...40_000, using: &generator))
            let hour = Int.random(in: 0...23, using: &generator), minute = Int.random(in: 0...59, using: &generator)
            let typed = "\(day.iso8601) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
            guard let parsed = WallClock.parse(typed, Self.losAngeles) else {
                Issue.record("\(typed) was not read")
                continue
            }
            let shown = WallClock.dateTime(parsed, Self.losAngeles)
            if shown != typed {
                // Only a skipped time may move, and then by exactly the hour skipped.
                let local = WallClock.local(parsed, Self.losAngeles)
                #expect(local.hour == hour + 1 && local.minute == minute && local.date == day, "\(typed) shown as \(shown)")
                #expect(WallClock.zoneName(Self.losAngeles, at: parsed) == "PDT", "\(typed) shown as \(shown)")
            }
        }
    }
}
