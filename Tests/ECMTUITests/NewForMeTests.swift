import ECMDomain
import ECMTUI
import Testing

/// New for me: the title bar counts what someone else gave the user since they last looked at
/// their queue; `m` shows it first, marked NEW, and counting starts again.
struct NewForMeTests {
    /// Queue items given to Maria: by Tuan after her last look (new), by Tuan before it, and by
    /// Maria herself after it (neither is new).
    static func queueItems() -> [ActivitySummary] {
        var givenByTuan = Fixtures.activity(40, patientID: 2, status: .created)
        givenByTuan.assignedToID = 1
        givenByTuan.assignedAt = Fixtures.seenAt.adding(seconds: 3_600)
        givenByTuan.assignedByID = 2
        var givenBefore = Fixtures.activity(41, patientID: 2, status: .created)
        givenBefore.assignedToID = 1
        givenBefore.assignedAt = Fixtures.seenAt.adding(seconds: -3_600)
        givenBefore.assignedByID = 2
        var herOwn = Fixtures.activity(43, patientID: 3, status: .created)
        herOwn.assignedToID = 1
        herOwn.assignedAt = Fixtures.seenAt.adding(seconds: 7_200)
        herOwn.assignedByID = 1
        return [givenByTuan, givenBefore, herOwn].map { item in
            var item = item
            item.patientName = Fixtures.patient(item.patientID).name
            return item
        }
    }

    static func started(size: Size = Size(width: 160, height: 48)) -> Harness {
        var harness = Harness(size: size)
        harness.answerFetches(patients: 12, activities: 12)
        harness.send(.fetched(.newCount(since: Fixtures.seenAt), .success(.count(3))))
        return harness
    }

    static func inTheQueue(size: Size = Size(width: 160, height: 48)) -> Harness {
        var harness = started(size: size)
        let effects = harness.press(.character("m"))
        for case .fetch(let fetch) in effects {
            guard case .page(.queue, _) = fetch else { continue }
            let items = queueItems()
            harness.send(.fetched(fetch, .success(.activities(Page(items: items, pagination: Pagination(page: 1, perPage: 100, totalCount: items.count))))))
            harness.answerFetches(patients: 12, activities: 12)
        }
        harness.send(.wrote(.lookAtQueue, .success(.queueSeen(QueueSeen(seenAt: Fixtures.now, previousSeenAt: Fixtures.seenAt)))))
        harness.answerFetches(patients: 12, activities: 12)
        return harness
    }

    @Test func theTitleBarCountsWhatIsNewSinceTheLastLook() {
        let harness = Self.started()
        #expect(harness.state.queueSeenAt == Fixtures.seenAt)
        #expect(harness.state.newCount == 3)
        #expect(harness.screen.split(separator: "\n")[0].hasSuffix(" 3 new · m "))
        // A count for an older look is not shown.
        var stale = harness
        stale.send(.fetched(.newCount(since: Fixtures.seenAt.adding(seconds: -60)), .success(.count(9))))
        #expect(stale.state.newCount == 3)
    }

    @Test func mShowsWhatIsNewFirstMarkedNewAndCountsAgainFromNow() {
        var harness = Self.started()
        let effects = harness.press(.character("m"))
        #expect(effects == [
            .write(.lookAtQueue),
            .fetch(.page(.queue(ActivityQuery(
                page: PageRequest(page: 1, size: 100), assignedToID: 1, status: .created, order: .due, newSince: Fixtures.seenAt)),
                generation: harness.state.queue.generation)),
        ])
        #expect(harness.state.newSince == Fixtures.seenAt)
        #expect(harness.state.queueSeenAt == Fixtures.now)
        #expect(harness.state.newCount == 0)
        let shown = Self.inTheQueue()
        let rows = shown.screen.split(separator: "\n")
        let new = rows.filter { $0.contains("NEW ") }
        #expect(new.count == 1)
        #expect(new.first?.contains(Fixtures.patient(2).name) == true)
        #expect(!shown.screen.contains(" new · m "))
    }

    @Test func aFirstStartLooksAtOnceSoNothingBeforeItIsNew() {
        var harness = Harness()
        let effects = harness.send(.fetched(.queueSeen, .success(.queueSeen(QueueSeen(seenAt: nil)))))
        #expect(effects == [.write(.lookAtQueue)])
        #expect(harness.state.newCount == nil)
        let after = harness.send(.wrote(.lookAtQueue, .success(.queueSeen(QueueSeen(seenAt: Fixtures.now, previousSeenAt: nil)))))
        #expect(after.isEmpty)
        #expect(harness.state.queueSeenAt == Fixtures.now && harness.state.newSince == nil)
        // The next refresh counts from that look.
        #expect(harness.press(.character("r")).contains(.fetch(.newCount(since: Fixtures.now))))
    }

    /// Another client looked in between: what is new is decided by the backend's previous look,
    /// and the queue is read again in that light.
    @Test func theBackendsPreviousLookDecidesWhatIsNew() {
        var harness = Self.started()
        harness.press(.character("m"))
        harness.answerFetches(patients: 12, activities: 12)
        let later = Fixtures.seenAt.adding(seconds: 40_000)
        let effects = harness.send(.wrote(.lookAtQueue, .success(.queueSeen(QueueSeen(seenAt: Fixtures.now, previousSeenAt: later)))))
        #expect(harness.state.newSince == later)
        #expect(effects.contains { effect in
            if case .fetch(.page(.queue(let query), _)) = effect { query.newSince == later } else { false }
        })
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 160, height: 48)])
    func goldenQueueWithNewItems(size: Size) {
        expectSnapshot("queue-new", Self.inTheQueue(size: size), size)
    }

    /// `m` before the start's read of the last look came back: the older answer is not taken
    /// (the title bar would count again what was just shown as new).
    @Test func aLateAnswerOfAnOlderLookIsNotTaken() {
        var harness = Harness()
        harness.press(.character("m"))
        #expect(harness.state.queueSeenAt == Fixtures.now)
        let effects = harness.send(.fetched(.queueSeen, .success(.queueSeen(QueueSeen(seenAt: Fixtures.seenAt)))))
        #expect(effects.isEmpty)
        #expect(harness.state.queueSeenAt == Fixtures.now)
    }

    /// Locked and signed in again, possibly as someone else: the previous user's look and count
    /// are gone and the new user's are read.
    @Test func signingInAgainReadsTheNewUsersLook() {
        var harness = Self.started()
        harness.state.configuration.signInAvailable = true
        harness.send(.fetched(.me, .failure(.sessionExpired)))
        #expect(harness.state.lock != nil)
        #expect(harness.state.queueSeenAt == nil && harness.state.newSince == nil && harness.state.newCount == nil)
        let effects = harness.send(.signedIn(.success(Fixtures.tuan)))
        #expect(effects.contains(.fetch(.queueSeen)))
    }
}

