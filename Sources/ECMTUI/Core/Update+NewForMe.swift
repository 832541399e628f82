import ECMDomain

/// New for me: what someone else gave the user since they last looked at their queue is
/// counted in the title bar ("3 new · m"); `m` shows it first, marked NEW, and counts again
/// from then. The backend keeps when each user looked, so every client agrees.
extension AppState {
    /// The count of what is new, when the last look is known.
    func countNew() -> [Effect] {
        queueSeenAt.map { [.fetch(.newCount(since: $0))] } ?? []
    }

    /// When the user last looked. Never: starting ecm is a first look (nothing is new before it).
    /// An answer older than a look made meanwhile (`m` before the start's read came back) is
    /// not taken.
    mutating func receiveQueueSeen(_ seen: QueueSeen) -> [Effect] {
        guard let seenAt = seen.seenAt else { return queueSeenAt == nil ? [.write(.lookAtQueue)] : [] }
        if let held = queueSeenAt, held >= seenAt { return [] }
        queueSeenAt = seenAt
        return countNew()
    }

    /// `m`: the queue shows first what is new since the last look; the count starts again now.
    mutating func lookAtQueue() -> [Effect] {
        if let queueSeenAt { newSince = queueSeenAt }
        queueSeenAt = now
        newCount = 0
        return [.write(.lookAtQueue)]
    }

    /// The backend's answer to a look: its time, and the look before it — which decides what is
    /// new when another client looked in between.
    mutating func looked(_ seen: QueueSeen) -> [Effect] {
        queueSeenAt = seen.seenAt ?? queueSeenAt
        newCount = 0
        guard let previous = seen.previousSeenAt, previous != newSince else { return [] }
        newSince = previous
        guard showsMyQueue else { return [] }
        queue.reset(keepingCursor: queue.isLoaded)
        return loadPages()
    }

    /// Whether the left pane shows my queue (My open), where new items lead and are marked.
    var showsMyQueue: Bool { leftList == .queue && activeView == .myOpen }

    /// Whether a queue item is new in this look.
    public func isNew(_ item: ActivitySummary) -> Bool {
        guard let newSince, showsMyQueue else { return false }
        return item.assignedToID == me?.id && item.isAssignedByAnotherAfter(newSince)
    }
}
