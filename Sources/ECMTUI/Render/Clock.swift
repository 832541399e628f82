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

    /// The local day, for grouping a timeline.
    public static func dayKey(_ t: Timestamp, _ zone: TimeZone) -> CivilDate { local(t, zone).date }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
