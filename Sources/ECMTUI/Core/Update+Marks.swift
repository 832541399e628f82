import ECMDomain

/// Marks (Space, `V`, Esc) and what acts on them: one confirmation naming the count, then each
/// marked activity written with the revision it was marked at, then the result list.
extension AppState {
    /// The activity list with the focus (the timeline, or the queue in the left pane).
    var focusedActivityList: PagedList<ActivitySummary>? {
        if focus == .timeline { return timeline }
        if focusedList == .queue { return queue }
        return nil
    }

    /// Space: marks the selected row (or unmarks it) and moves down; elsewhere it pages.
    mutating func toggleMark() -> [Effect] {
        guard let list = focusedActivityList else { return perform(.pageDown) }
        guard let item = list.selected else { return [] }
        if marks.removeValue(forKey: item.id) == nil { marks[item.id] = MarkedActivity(item) }
        return move(by: 1)
    }

    /// `V`: marks every item of the focused list, on every page (read for the purpose).
    mutating func markAll() -> [Effect] {
        let source: ListSource
        if focus == .timeline, let patient {
            var query = timelineFilter
            query.page = PageRequest(page: 1, size: PageRequest.maximumSize)
            source = .timeline(patientID: patient.id, query)
        } else if focusedList == .queue {
            guard case .queue(var query)? = read(.queue, page: 1) else { return [] }
            query.page = PageRequest(page: 1, size: PageRequest.maximumSize)
            source = .queue(query)
        } else {
            setStatus("V marks the items of a timeline or the queue: focus one first", error: true)
            return []
        }
        batchGeneration += 1
        setStatus("Marking every item of the list…")
        return [.fetch(.allItems(source, generation: batchGeneration))]
    }

    mutating func receiveAllItems(_ items: [MarkedActivity], generation: Int) -> [Effect] {
        guard generation == batchGeneration else { return [] }
        let before = marks.count
        for item in items where marks[item.id] == nil { marks[item.id] = item }
        setStatus("Marked \((marks.count - before).grouped) more · \(marks.count.grouped) marked · Esc clears")
        return []
    }

    /// Esc with marks in a list: they are cleared.
    mutating func clearMarks() -> Bool {
        guard !marks.isEmpty, focusedActivityList != nil else { return false }
        setStatus("Cleared \(marks.count.grouped) mark\(marks.count == 1 ? "" : "s")")
        marks = [:]
        return true
    }

    /// The marked activities in a stable order: by patient, then id.
    var markedItems: [MarkedActivity] {
        marks.values.sorted { ($0.patientName, $0.patientID, $0.id) < ($1.patientName, $1.patientID, $1.id) }
    }

    // MARK: Acting on marks

    /// `x` with marks: completes those still open, or, when none is, reopens them all; `X` cancels.
    mutating func batchStatus(toggle: Bool) -> [Effect] {
        let items = markedItems
        let action: BatchAction = toggle ? (items.contains { $0.status == .created } ? .complete : .reopen) : .cancel
        return confirmBatch(action, items)
    }

    mutating func batchClaim() -> [Effect] {
        guard let me else { return [] }
        return confirmBatch(.claim(me), markedItems)
    }

    mutating func batchAssign(to user: User) -> [Effect] {
        confirmBatch(.assign(user), markedItems)
    }

    mutating func batchDelete() -> [Effect] {
        confirmBatch(.delete, markedItems)
    }

    /// A comment on the activities that were marked when the editor opened.
    mutating func batchComment(_ body: String, _ items: [MarkedActivity]) -> [Effect] {
        confirmBatch(.comment(body), items)
    }

    /// One question with the count and what they are ("Complete 7 tasks of 5 patients?"), and
    /// what is left alone because it is that way already.
    private mutating func confirmBatch(_ action: BatchAction, _ items: [MarkedActivity]) -> [Effect] {
        if refusedWhileABatchRuns() { return [] }
        let affected = items.filter(action.applies)
        guard !affected.isEmpty else {
            setStatus("Nothing to do: all \(items.count.grouped) marked are like that already")
            return []
        }
        batchGeneration += 1
        let run = BatchRun(
            action: action, job: BatchJob(id: batchGeneration, writes: affected.map(action.write)),
            items: affected, reverses: affected.map(action.reverse))
        var question = "\(action.verb) \(Self.describe(affected))"
        if case .assign(let user) = action { question += " to \(user.name)" }
        if case .claim(let user) = action {
            let fromOthers = affected.filter { $0.assignedToID != nil && $0.assignedToID != user.id }.count
            if fromOthers > 0 { question += " (\(fromOthers.grouped) from someone else)" }
        }
        question += "?"
        let skipped = items.count - affected.count
        if skipped > 0 { question += " \(skipped.grouped) marked \(skipped == 1 ? "is" : "are") like that already." }
        if action == .delete { question += " This cannot be undone." }
        overlay = .confirm(Confirmation(question: question, onYes: .batch(run), previous: overlay))
        return []
    }

    /// One batch at a time: while one runs, another (or an undo) is refused and the status line
    /// says why.
    private mutating func refusedWhileABatchRuns() -> Bool {
        guard let running = batchRun else { return false }
        setStatus("A batch is running (\(running.progress)): wait for it, or Esc to stop it", error: true)
        return true
    }

    /// "7 tasks of 5 patients", "3 tasks, 2 notes and 1 call of 1 patient".
    static func describe(_ items: [MarkedActivity]) -> String {
        var counts: [ActivityType: Int] = [:]
        for item in items { counts[item.activityType, default: 0] += 1 }
        let kinds = ActivityType.allCases.compactMap { type in counts[type].map { (type, $0) } }.sorted { $0.1 > $1.1 }
        let words = kinds.map { type, count in "\(count.grouped) \(type.noun(count))" }
        let list = words.count > 1 ? words.dropLast().joined(separator: ", ") + " and " + words.last! : words.joined()
        let patients = Set(items.map(\.patientID)).count
        return "\(list) of \(patients.grouped) patient\(patients == 1 ? "" : "s")"
    }

    /// A confirmed batch starts: the status line counts it down.
    mutating func startBatch(_ run: BatchRun) -> [Effect] {
        batchRun = run
        setStatus(run.progress)
        return [.batch(run.job)]
    }

    /// Esc while a batch runs: the rest is not sent. The batch's id, for the runner.
    mutating func stopBatch() -> Int? {
        guard var run = batchRun, !run.stopping else { return nil }
        run.stopping = true
        batchRun = run
        setStatus(run.progress)
        return run.job.id
    }

    /// `u` after a batch: each item done is put back, with the revision the batch left.
    mutating func undoBatch(_ entry: UndoEntry) -> [Effect] {
        if refusedWhileABatchRuns() { return [] }
        batchGeneration += 1
        let run = BatchRun(
            action: .undo(done: entry.done), job: BatchJob(id: batchGeneration, writes: entry.writes), items: entry.items,
            reverses: entry.items.map { _ in nil })
        undo = nil
        return startBatch(run)
    }

    mutating func receiveBatch(id: Int, _ outcomes: [BatchOutcome]) -> [Effect] {
        guard var run = batchRun, run.job.id == id else { return [] }
        run.outcomes += outcomes
        guard run.isFinished else {
            batchRun = run
            setStatus(run.progress)
            return []
        }
        batchRun = nil
        inFlight = max(0, inFlight - 1)
        return finish(run)
    }

    private mutating func finish(_ run: BatchRun) -> [Effect] {
        var reverseWrites: [Write] = []
        var reversedItems: [MarkedActivity] = []
        var problems = 0, changed = 0
        for (index, item) in run.items.enumerated() {
            let outcome = run.outcomes[index]
            switch outcome {
            case .done(let revision):
                marks[item.id] = nil
                if let reverse = run.reverses[index], let revision {
                    reverseWrites.append(.update(patientID: item.patientID, id: item.id, input: reverse, ifRevision: revision, purpose: .undo))
                    reversedItems.append(item)
                }
            case .changed:
                changed += 1
                problems += 1
            case .gone:
                marks[item.id] = nil
                problems += 1
            case .failed, .notRun:
                problems += 1
            }
        }
        let doneCount = run.items.count - problems
        let all = doneCount == run.items.count
        let title: String
        if case .undo(let done) = run.action {
            title = all ? "Undone: \(done)" : "Undone \(doneCount.grouped) of \(run.items.count.grouped): \(done)"
        } else {
            title = "\(run.action.done) " + (all ? Self.describe(run.items) : "\(doneCount.grouped) of \(run.items.count.grouped)")
        }
        var parts = [title]
        if changed > 0 { parts.append("\(changed.grouped) changed by someone else, left as \(changed == 1 ? "it is" : "they are")") }
        if problems > changed { parts.append("\((problems - changed).grouped) not done") }
        if reverseWrites.isEmpty {
            undo = nil
        } else {
            undo = UndoEntry(done: title, writes: reverseWrites, items: reversedItems)
            parts.append("u undoes")
        }
        let summary = parts.joined(separator: " · ")
        setStatus(summary, error: problems > 0)
        overlay = .batchReport(BatchReport(
            title: title, summary: summary, rows: zip(run.items, run.outcomes).map { BatchReport.Row(label: $0.label, outcome: $1) }))
        return refresh()
    }
}

extension ActivityType {
    /// "task", "tasks"; "visit" for an appointment, as the lists label it.
    func noun(_ count: Int) -> String {
        let word = self == .sms ? "SMS" : label.lowercased()
        return count == 1 || self == .sms ? word : word + "s"
    }
}
