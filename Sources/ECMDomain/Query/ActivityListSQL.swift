/// The SQL both stores read activity lists with, for what the kept counts and indexes do not
/// cover: due times (their filters and order). `a` is the activity; values bind as `?`, in order.
public enum ActivityListSQL {
    /// When an activity is due: its `due_at`, or for an appointment when it is booked.
    public static let due = "COALESCE(a.due_at, CASE WHEN a.activity_type = 'in_person_appointment' THEN a.booked_at END)"

    /// The query's due filters, each a condition with `?` placeholders, and their values.
    public static func dueConditions(_ query: ActivityQuery, now: Timestamp) -> (conditions: [String], values: [Int64]) {
        var conditions: [String] = []
        var values: [Int64] = []
        if let before = query.dueBefore {
            conditions.append("\(due) < ?")
            values.append(before.milliseconds)
        }
        if let after = query.dueAfter {
            conditions.append("\(due) >= ?")
            values.append(after.milliseconds)
        }
        if query.overdue {
            conditions.append("a.status = 'created' AND \(due) < ?")
            values.append(now.milliseconds)
        }
        return (conditions, values)
    }

    /// `ORDER BY` for a list read in `order`, or from its far end when `reversed`.
    public static func orderBy(_ order: ListOrder, reversed: Bool) -> String {
        let (ascending, descending) = reversed ? ("DESC", "ASC") : ("ASC", "DESC")
        return switch order {
        case .newest: "a.occurred_at \(descending), a.id \(descending)"
        case .oldest: "a.occurred_at \(ascending), a.id \(ascending)"
        case .due: "(\(due) IS NULL) \(ascending), \(due) \(ascending), a.occurred_at \(ascending), a.id \(ascending)"
        }
    }
}
