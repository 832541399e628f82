import ECMDomain
import Foundation

/// Times as people read them, in the configured time zone.
public enum Clock {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func local(_ t: Timestamp, _ zone: TimeZone) -> (date: CivilDate, hour: Int, minute: Int, second: Int) {
        let seconds = Int(t.milliseconds / 1000)
        let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        let local = Int64(seconds + offset)
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let rest = Int(local - days * 86_400)
        return (CivilDate(daysSinceEpoch: days), rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// `Nov 20`.
    public static func day(_ t: Timestamp, _ zone: TimeZone) -> String {
        let l = local(t, zone)
        return "\(months[l.date.month - 1]) \(l.date.day)"
    }

    /// `14:05`.
    public static func time(_ t: Timestamp, _ zone: TimeZone) -> String {
        let l = local(t, zone)
        return two(l.hour) + ":" + two(l.minute)
    }

    /// `14:05:09`.
    public static func timeWithSeconds(_ t: Timestamp, _ zone: TimeZone) -> String {
        let l = local(t, zone)
        return two(l.hour) + ":" + two(l.minute) + ":" + two(l.second)
    }

    /// `2024-11-20 14:05`.
    public static func dateTime(_ t: Timestamp, _ zone: TimeZone) -> String {
        let l = local(t, zone)
        return "\(l.date.iso8601) \(two(l.hour)):\(two(l.minute))"
    }

    /// Reads a time as people type it: with `Z` or an offset it is exact; without, it is a
    /// wall-clock time in `zone` (`2024-12-01 14:00` in Los Angeles is 22:00Z).
    public static func parse(_ text: String, _ zone: TimeZone) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let utc = Timestamp(iso8601: trimmed) else { return nil }
        let timePart = trimmed.count > 10 ? String(trimmed.dropFirst(10)) : ""
        let hasZone = timePart.contains { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }
        guard !hasZone else { return utc }
        let guess = Date(timeIntervalSince1970: TimeInterval(utc.milliseconds / 1000))
        let offset = Int64(zone.secondsFromGMT(for: guess.addingTimeInterval(-TimeInterval(zone.secondsFromGMT(for: guess)))))
        return Timestamp(milliseconds: utc.milliseconds - offset * 1000)
    }

    /// How a form shows a time: `2024-12-01 14:00` in `zone` when that is exact, else ISO 8601 (UTC).
    public static func formText(_ t: Timestamp, _ zone: TimeZone) -> String {
        guard t.milliseconds % 60_000 == 0 else { return t.iso8601 }
        return dateTime(t, zone)
    }

    /// The local day, for grouping a timeline.
    public static func dayKey(_ t: Timestamp, _ zone: TimeZone) -> CivilDate { local(t, zone).date }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
