import ECMDomain
import Foundation

/// Times as people read them, in the configured time zone.
public enum Clock {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func local(_ t: Timestamp, _ zone: TimeZone) -> (date: CivilDate, hour: Int, minute: Int, second: Int) {
        WallClock.local(t, zone)
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
    public static func dateTime(_ t: Timestamp, _ zone: TimeZone) -> String { WallClock.dateTime(t, zone) }

    /// `2024-11-20 14:05 PST`, for a time that stands alone (the detail pane).
    public static func dateTimeWithZone(_ t: Timestamp, _ zone: TimeZone) -> String { WallClock.dateTimeWithZone(t, zone) }

    /// Reads a time as people type it (`WallClock.parse`: without an offset, a time in `zone`).
    public static func parse(_ text: String, _ zone: TimeZone) -> Timestamp? { WallClock.parse(text, zone) }

    /// How a form shows a time: `2024-12-01 14:00` in `zone` when that is exact, else ISO 8601 (UTC).
    public static func formText(_ t: Timestamp, _ zone: TimeZone) -> String {
        guard t.milliseconds % 60_000 == 0 else { return t.iso8601 }
        return dateTime(t, zone)
    }

    /// The local day, for grouping a timeline.
    public static func dayKey(_ t: Timestamp, _ zone: TimeZone) -> CivilDate { local(t, zone).date }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
