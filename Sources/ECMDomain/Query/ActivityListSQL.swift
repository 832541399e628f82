/// The SQL both stores read activity lists with, for what the kept counts and indexes do not
/// cover: due times (their filters and order) and what is new for an assignee. `a` is the
/// activity; values bind as `?`, in order.
public enum ActivityListSQL {
    /// When an activity is due: its `due_at`, or for an appointment when it is booked.
    public static let due = "COALESCE(a.due_at, CASE WHEN a.activity_type = 'in_person_appointment' THEN a.booked_at END)"

    /// The index both stores read a queue in the `due` order from (without it, each page sorted
    /// the whole queue: 21 ms for a 50,000-item one): the order's expressions, as the list says
    /// them, after the assignee and status.
    public static let queueDueOrderIndex = """
        CREATE INDEX activities_queue_by_due_order ON activities (assigned_to_id, status,
          (COALESCE(due_at, CASE WHEN activity_type = 'in_person_appointment' THEN booked_at END) IS NULL),
          COALESCE(due_at, CASE WHEN activity_type = 'in_person_appointment' THEN booked_at END), occurred_at, id)
        """

    /// Given to its assignee by someone else after `?`: new for them. Never NULL, so that its
    /// `NOT` is the rest of the list.
    public static let assignedByAnotherAfter =
        "(a.assigned_at IS NOT NULL AND a.assigned_to_id IS NOT NULL AND a.assigned_at > ? AND (a.assigned_by_id IS NULL OR a.assigned_by_id <> a.assigned_to_id))"

    /// Work of a clinic (`?` twice) that nobody can act on: assigned to a disabled account, or to
    /// no one. Each side is read from an index (the assignee's, the patient's).
    public static let unassigned = """
        (a.assigned_to_id IN (SELECT id FROM users WHERE clinic_id = ? AND disabled_at IS NOT NULL)
          OR (a.assigned_to_id IS NULL AND a.patient_id IN (SELECT id FROM patients WHERE clinic_id = ?)))
        """

    /// The order of the new items at the head of a queue: latest given first.
    public static let newOrder = "a.assigned_at DESC, a.id DESC"

    /// The query's filters the kept counts do not cover (due times, assigned after), each a
    /// condition with `?` placeholders, and their values.
    public static func countedConditions(_ query: ActivityQuery, now: Timestamp) -> (conditions: [String], values: [Int64]) {
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
        if let after = query.assignedAfter {
            conditions.append(assignedByAnotherAfter)
            values.append(after.milliseconds)
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
