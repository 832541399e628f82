import ECMDomain
import Foundation

/// When something is due and how old it is, as a list shows them: late work stands out, today's
/// and this week's read at a glance, the rest is a date.
enum Aging {
    enum Urgency: Equatable {
        /// Open and past its due time.
        case overdue
        /// Open and due later today (in the configured zone).
        case today
        /// Open and due within the next six days.
        case thisWeek
        /// Open and due later, or done (complete or cancelled): a date.
        case later
    }

    static func urgency(due: Timestamp, open: Bool, now: Timestamp, zone: TimeZone) -> Urgency {
        guard open else { return .later }
        if due < now { return .overdue }
        let days = Clock.dayKey(due, zone).daysSinceEpoch - Clock.dayKey(now, zone).daysSinceEpoch
        return days == 0 ? .today : days < 7 ? .thisWeek : .later
    }

    /// `3d late`, `5h late` · `14:00` · `Fri` · `Dec 18`: at most 7 columns.
    static func dueText(_ due: Timestamp, urgency: Urgency, now: Timestamp, zone: TimeZone) -> String {
        switch urgency {
        case .overdue: span(from: due, to: now) + " late"
        case .today: Clock.time(due, zone)
        case .thisWeek: weekday(due, zone)
        case .later: Clock.day(due, zone)
        }
    }

    static func style(_ urgency: Urgency) -> Style {
        switch urgency {
        case .overdue: Style(.error, bold: true)
        case .today: Style(.warning, bold: true)
        case .thisWeek: Style(.warning)
        case .later: Style(.dim)
        }
    }

    /// How long since `created`: `<1h`, `5h`, `3d`, `2w`, `4mo`, `1y`.
    static func age(since created: Timestamp, now: Timestamp) -> String { span(from: created, to: now) }

    private static func span(from start: Timestamp, to end: Timestamp) -> String {
        let hours = max(0, end.milliseconds - start.milliseconds) / 3_600_000
        switch hours {
        case 0: return "<1h"
        case ..<48: return "\(hours)h"
        case ..<(14 * 24): return "\(hours / 24)d"
        case ..<(61 * 24): return "\(hours / (24 * 7))w"
        case ..<(365 * 24): return "\(hours / (24 * 30))mo"
        default: return "\(hours / (24 * 365))y"
        }
    }

    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]

    private static func weekday(_ t: Timestamp, _ zone: TimeZone) -> String {
        let days = Clock.dayKey(t, zone).daysSinceEpoch
        return weekdays[Int(((days % 7) + 7) % 7)]
    }
}
