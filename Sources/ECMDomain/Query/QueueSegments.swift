/// A work queue is up to three lists one after the other: first the emails its user sent that
/// failed (they need the sender, whoever the activity is assigned to), then, when asked
/// (`new_since`), what someone else gave the user since then, latest first, then the rest of
/// the activities assigned to the user. A page may take the end of one and the start of the
/// next; each store reads only its slice of each, from its indexes.
public struct QueueSegments: Hashable, Sendable {
    /// A run of one list: skip `offset`, take `count`.
    public struct Slice: Hashable, Sendable {
        public let offset: Int
        public let count: Int

        public init(offset: Int, count: Int) {
            self.offset = offset
            self.count = count
        }
    }

    public let failedSends: Slice
    public let new: Slice
    public let assigned: Slice

    /// The slices of a page at `offset` of at most `size` items, with `failedCount` failed
    /// sends, then `newCount` new items, then `assignedCount` other assigned activities.
    public init(offset: Int, size: Int, failedCount: Int, newCount: Int = 0, assignedCount: Int) {
        let slices = Self.slices(offset: offset, size: size, counts: [failedCount, newCount, assignedCount])
        failedSends = slices[0]
        new = slices[1]
        assigned = slices[2]
    }

    /// The part of each list, shown one after another, that the page at `offset` of at most
    /// `size` items takes.
    public static func slices(offset: Int, size: Int, counts: [Int]) -> [Slice] {
        var start = 0
        var remaining = max(0, size)
        return counts.map { count in
            let skip = min(count, max(0, offset - start))
            let take = min(remaining, count - skip)
            start += count
            remaining -= take
            return Slice(offset: skip, count: take)
        }
    }

    /// Whether a queue filtered this way begins with the failed sends: its whole open work
    /// (no status filter, or `created`), of every type or of email. A queue of what is complete
    /// or cancelled is only that.
    public static func includesFailedSends(_ query: ActivityQuery) -> Bool {
        (query.status == nil || query.status == .created) && (query.activityType == nil || query.activityType == .email)
            && !query.hasCountedFilter
    }

    /// The failed sends of a sender (`?` 1) in the order the queue shows them (oldest first),
    /// leaving out those the rest of the queue holds: assigned to the sender (`?` 2) and, with
    /// the `created` filter, still open. `a` is the activity.
    public static func failedSendsCondition(_ query: ActivityQuery) -> String {
        let inRest = query.status == .created ? "a.assigned_to_id = ? AND a.status = 'created'" : "a.assigned_to_id = ?"
        return """
            a.id IN (SELECT activity_id FROM email_outbox WHERE status = 'failed')
              AND a.performed_by_id = ? AND NOT (a.assigned_to_id IS NOT NULL AND \(inRest))
            """
    }

    public static let failedSendsOrder = "a.occurred_at ASC, a.id ASC"
}
