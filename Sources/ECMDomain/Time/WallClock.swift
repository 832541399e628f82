import Foundation
import Synchronization

/// Times as people type and read them, the one rule of every human-facing surface (the UI's
/// forms and panes, the CLI's flags and tables): a time typed without an offset is a wall-clock
/// time in the user's zone (`TZ`), and a time shown to people is in that zone and names it
/// (`2026-12-08 14:00 PST`). The API's JSON is untouched by this: UTC ISO 8601, as the spec says.
public enum WallClock {
    /// The local calendar date and time of day of an instant.
    public static func local(_ t: Timestamp, _ zone: TimeZone) -> (date: CivilDate, hour: Int, minute: Int, second: Int) {
        let seconds = t.milliseconds >= 0 ? t.milliseconds / 1000 : (t.milliseconds - 999) / 1000
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        let local = seconds + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let rest = Int(local - days * 86_400)
        return (CivilDate(daysSinceEpoch: days), rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// Reads a time as people type it: with `Z` or an offset it is exact; without, it is a
    /// wall-clock time in `zone` (`2024-12-01 14:00` in Los Angeles is 22:00Z). Nil when it is
    /// not ISO 8601 (`2024-12-01`, `2024-12-01 14:00`, `2024-12-01T14:00:00-08:00`, …).
    /// A time the clocks skip (02:30 on the morning they spring forward) is read with the offset
    /// before the change, so it lands that far after it (03:30 PDT); a time they pass twice
    /// (01:30 when they fall back) is the first of the two.
    public static func parse(_ text: String, _ zone: TimeZone) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let utc = Timestamp(iso8601: trimmed) else { return nil }
        let timePart = trimmed.count > 10 ? String(trimmed.dropFirst(10)) : ""
        let hasZone = timePart.contains { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }
        guard !hasZone else { return utc }
        // The offsets in force half a day either side; an instant is right when the zone's offset
        // there is the one it was made with.
        let naive = utc.milliseconds / 1000
        func offset(at seconds: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        }
        let before = offset(at: naive - 43_200)
        let after = offset(at: naive + 43_200)
        let candidates = [before, after].filter { offset(at: naive - $0) == $0 }.map { naive - $0 }
        let seconds = candidates.min() ?? naive - before
        return Timestamp(milliseconds: utc.milliseconds - naive * 1000 + seconds * 1000)
    }

    /// `2024-11-20 14:05` in `zone`, without naming it.
    public static func dateTime(_ t: Timestamp, _ zone: TimeZone) -> String {
        let l = local(t, zone)
        return "\(l.date.iso8601) \(two(l.hour)):\(two(l.minute))"
    }

    /// `2024-11-20 14:05 PST`: the time in `zone`, naming it.
    public static func dateTimeWithZone(_ t: Timestamp, _ zone: TimeZone) -> String {
        dateTime(t, zone) + " " + zoneName(zone, at: t)
    }

    /// The zone's short name at that instant: `PST` or `PDT` for Los Angeles, `UTC`, else the
    /// offset (`GMT+1`) where there is no short name people in California would know.
    public static func zoneName(_ zone: TimeZone, at t: Timestamp) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(t.milliseconds / 1000))
        let offset = zone.secondsFromGMT(for: date)
        if offset == 0, ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Universal", "Zulu"].contains(zone.identifier) { return "UTC" }
        let key = "\(zone.identifier) \(offset) \(zone.isDaylightSavingTime(for: date))"
        if let name = names.withLock({ $0[key] }) { return name }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US")
        formatter.timeZone = zone
        formatter.dateFormat = "zzz"
        let name = formatter.string(from: date)
        names.withLock { $0[key] = name }
        return name
    }

    /// Short names already worked out, by zone, offset and daylight saving: a formatter is slow.
    private static let names = Mutex<[String: String]>([:])

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
