import ECMDomain

/// Actions, whether they came from a key or the command line.
extension AppState {
    mutating func perform(_ action: Action) -> [Effect] {
        switch action {
        case .moveDown: return move(by: 1)
        case .moveUp: return move(by: -1)
        case .top: return move(by: -Int.max / 2)
        case .bottom: return move(by: Int.max / 2)
        case .pageDown: return move(by: layout.rows(focus))
        case .pageUp: return move(by: -layout.rows(focus))
        case .halfPageDown: return move(by: max(1, layout.rows(focus) / 2))
        case .halfPageUp: return move(by: -max(1, layout.rows(focus) / 2))
        case .open: return open()
        case .back: return back()
        case .focusNext: return focusOn(Pane(rawValue: focus.rawValue % Pane.allCases.count + 1)!)
        case .focusPrevious: return focusOn(Pane(rawValue: (focus.rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)!)
        case .focusLeft: return focusOn(Pane(rawValue: max(1, focus.rawValue - 1))!)
        case .focusRight: return focusOn(Pane(rawValue: min(Pane.allCases.count, focus.rawValue + 1))!)
        case .focusPane(let pane): return focusOn(pane)
        case .quit:
            if holdsUnsavedInput { return ask("Discard what you typed and quit?", onYes: .quit) }
            quitRequested = true
            return [.quit]
        case .help:
            overlay = .help
            return []
        case .commandLine:
            overlay = .commandLine(CommandLine())
            return []
        case .refresh:
            setStatus("Refreshing…")
            return refresh()
        case .toggleQueue:
            leftMode = leftMode == .patients ? .queue : .patients
            focus = .patients
            // m is my queue: whatever view the pane showed, it shows My open again.
            if leftMode == .queue, activeView != SavedView.myOpen {
                activeView = SavedView.myOpen
                queue.reset()
            }
            if leftMode == .queue { queue.reset(keepingCursor: queue.isLoaded) }
            if leftMode == .queue { return lookAtQueue() + loadPages() }
            // Back in Patients, the detail follows the timeline's cursor again.
            return loadPages() + (leftMode == .queue ? [] : syncPatient() + syncDetail())
        case .search(let text):
            leftMode = .patients
            focus = .patients
            if let text {
                return applySearch(text)
            }
            overlay = .search(PatientSearch(patientQuery.search ?? ""))
            return []
        case .patient(let text):
            leftMode = .patients
            focus = .patients
            return applySearch(text ?? "")
        case .sort where leftMode == .queue:
            queueOrder = queueOrder.next
            queue.reset()
            setStatus("Queue: " + queueOrder.description)
            return loadPages()
        case .sort:
            patientQuery.sort = patientQuery.sort == .name ? .recentActivity : .name
            patients.reset()
            setStatus(patientQuery.sort == .name ? "Sorted by name" : "Sorted by most recent activity")
            return loadPages()
        case .filter(let text):
            return filter(text)
        case .new(let type): return new(type)
        case .edit: return edit()
        case .assign(let name): return assign(name)
        case .toggleComplete: return marks.isEmpty ? setStatusOfSelected(toggle: true) : batchStatus(toggle: true)
        case .claim: return marks.isEmpty ? claim() : batchClaim()
        case .undo: return undoLast()
        case .cancelActivity: return marks.isEmpty ? setStatusOfSelected(toggle: false) : batchStatus(toggle: false)
        case .delete: return marks.isEmpty ? delete() : batchDelete()
        case .comment: return comment()
        case .view(let text?) where !text.trimmingCharacters(in: .whitespaces).isEmpty:
            let words = text.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
            if words[0] == "save" || words[0] == "share" { return saveView(named: words.count > 1 ? words[1] : "", shared: words[0] == "share") }
            return applyView(named: text)
        case .view: return openViewPicker()
        case .mark: return toggleMark()
        case .markAll: return markAll()
        case .addSubtask: return addSubtask()
        case .retryEmail: return retryEmail()
        }
    }

    /// A y/N question over the open form or editor; "no" goes back to it as it was.
    mutating func ask(_ question: String, onYes: Confirmation.Outcome) -> [Effect] {
        overlay = .confirm(Confirmation(question: question, onYes: onYes, previous: overlay))
        return []
    }

    /// Closes the form or editor; when it holds unsaved input (as for quitting), asks first.
    mutating func closeAsking(status: String) -> [Effect] {
        if holdsUnsavedInput { return ask("Discard what you typed?", onYes: .discard(status: status)) }
        overlay = nil
        setStatus(status)
        return []
    }

    // MARK: Moving

    mutating func move(by delta: Int) -> [Effect] {
        let rows = layout.rows(focus)
        switch focus {
        case .patients where leftMode == .queue:
            queue.move(by: delta, rows: rows)
            return syncQueuePatient() + loadPages() + syncDetail()
        case .patients:
            patients.move(by: delta, rows: rows)
            return loadPages() + syncPatient()
        case .timeline:
            timeline.move(by: delta, rows: rows)
            return loadPages() + syncDetail()
        case .detail:
            detailCursor = clamp(detailCursor + delta, count: detailLines(width: detailWidth).count)
        case .comments:
            commentsCursor = clamp(commentsCursor + delta, count: detail?.comments.count ?? 0)
        case .subtasks:
            subtasksCursor = clamp(subtasksCursor + delta, count: detail?.subtasks.count ?? 0)
        }
        return []
    }

    private func clamp(_ value: Int, count: Int) -> Int {
        count == 0 ? 0 : min(max(0, value), count - 1)
    }

    /// Shows the timeline of the patient under the cursor.
    mutating func syncPatient() -> [Effect] {
        guard leftMode == .patients, let selected = patients.selected else { return [] }
        return select(patient: selected)
    }

    /// In the queue, the timeline shows the selected item's patient, positioned on the item
    /// unless the timeline's filter hides it (moving in the queue leaves the filter alone).
    mutating func syncQueuePatient() -> [Effect] {
        guard leftMode == .queue, let item = queue.selected else { return [] }
        guard timelineFilter.admits(item) else {
            return select(patientID: item.patientID, name: item.patientName)
        }
        guard item.patientID != patient?.id || (item.id != timeline.selected?.id && item.id != timeline.target) else { return [] }
        return land(on: item)
    }

    mutating func focusOn(_ pane: Pane) -> [Effect] {
        focus = pane
        var effects = loadPages()
        if pane == .timeline || (pane == .patients && leftList == .queue) { effects += syncDetail() }
        return effects
    }

    mutating func open() -> [Effect] {
        switch focus {
        case .patients where leftMode == .queue:
            // Jump to the activity in its patient's timeline.
            guard let item = queue.selected else { return [] }
            leftMode = .patients
            focus = .timeline
            return land(on: item)
        case .patients:
            focus = .timeline
            return syncPatient() + loadPages() + syncDetail()
        case .timeline:
            focus = .detail
            return syncDetail()
        case .detail:
            let lines = detailLines(width: detailWidth)
            guard let detail, lines.indices.contains(detailCursor), let link = lines[detailCursor].link else { return [] }
            leftMode = .patients
            return land(on: detail.patientID, link, patientName: detail.patientName, admitted: nil)
        case .subtasks:
            guard let detail, detail.subtasks.indices.contains(subtasksCursor) else { return [] }
            focus = .detail
            leftMode = .patients
            return land(on: detail.subtasks[subtasksCursor])
        case .comments:
            return []
        }
    }

    mutating func back() -> [Effect] {
        status = nil
        if let id = stopBatch() { return [.stopBatch(id: id)] }
        if clearMarks() { return [] }
        switch focus {
        case .patients:
            if leftMode == .queue { return perform(.toggleQueue) }
            if patientQuery.search != nil { return applySearch("") }
            return []
        case .timeline: return focusOn(.patients)
        case .detail, .comments, .subtasks: return focusOn(.timeline)
        }
    }

    mutating func applySearch(_ text: String) -> [Effect] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let search: String? = trimmed.isEmpty ? nil : trimmed
        guard search != patientQuery.search || !patients.isLoaded else { return [] }
        patientQuery.search = search
        patients.reset()
        return loadPages()
    }
}

extension ListOrder {
    /// The queue's next order for `o`.
    var next: ListOrder {
        switch self {
        case .due: .oldest
        case .oldest: .newest
        case .newest: .due
        }
    }

    /// What the status line says of it.
    var description: String {
        switch self {
        case .due: "soonest due first (overdue leads), then oldest"
        case .oldest: "oldest first"
        case .newest: "newest first"
        }
    }
}
