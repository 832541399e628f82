import ECMDomain

/// Asking for pages and details, and taking the answers.
extension AppState {
    /// Shows a patient's timeline (from the top, with the current filter).
    mutating func select(patient newPatient: Patient?) -> [Effect] {
        guard newPatient?.id != patient?.id else { return [] }
        patient = newPatient
        timeline.reset()
        return loadPages()
    }

    /// `select(patient:)` for a patient known by id and name (a queue item's).
    mutating func select(patientID: Int64, name: String) -> [Effect] {
        guard patientID != patient?.id else { return [] }
        let read = adoptPatient(id: patientID, name: name)
        timeline.reset()
        return read + loadPages()
    }

    /// Makes the patient with this id the timeline's: the patients list's row, with their member
    /// record, when it holds them; else the name alone, while the record is read.
    mutating func adoptPatient(id: Int64, name: String) -> [Effect] {
        if let row = patients.loadedIndex(of: id), let listed = patients.item(at: row) {
            patient = listed
            return []
        }
        patient = Patient(id: id, name: name)
        return [.fetch(.patient(id: id))]
    }

    /// Loads the detail of an activity unless it is already the one shown or coming.
    mutating func showDetail(patientID: Int64, id: Int64) -> [Effect] {
        if let target = detailTarget, target.patientID == patientID, target.id == id { return [] }
        detailTarget = ActivityKey(patientID: patientID, id: id)
        detailGeneration += 1
        detailLoading = true
        detailCursor = 0
        commentsCursor = 0
        subtasksCursor = 0
        return [.fetch(.detail(patientID: patientID, id: id, generation: detailGeneration))]
    }

    /// Keeps the detail on the selected row of the focused activity list.
    mutating func syncDetail() -> [Effect] {
        let list = focusedList == .queue ? queue : timeline
        guard let item = list.selected else { return [] }
        return showDetail(patientID: item.patientID, id: item.id)
    }

    mutating func receive(_ fetch: Fetch, _ result: Result<FetchResult, BackendError>) -> [Effect] {
        switch (fetch, result) {
        case (.me, .success(.me(let user))):
            me = user
            return []
        case (.users, .success(.users(let list))):
            users = list
            return []
        case (.page(let read, let generation), .success(let answer)):
            guard accept(answer, for: read, generation: generation) else { return [] }
            return afterPage(of: read)
        case (.page(let read, let generation), .failure(let error)):
            pageFailed(read, generation: generation, error)
            return []
        case (.detail(_, let id, let generation), .success(.detail(let activity))):
            guard generation == detailGeneration, id == detailTarget?.id else { return [] }
            detail = activity
            detailLoading = false
            // Landed by id alone (after signing in again): the patient's name comes with it.
            if patient?.id == activity.patientID, patient?.name.isEmpty == true { patient?.name = activity.patientName }
            commentsCursor = min(commentsCursor, max(0, activity.comments.count - 1))
            subtasksCursor = min(subtasksCursor, max(0, activity.subtasks.count - 1))
            timeline.replaceSummary(of: activity)
            queue.replaceSummary(of: activity)
            if claimLost == ActivityKey(patientID: activity.patientID, id: activity.id) {
                claimLost = nil
                let holder = activity.assignedToID == me?.id ? "you" : activity.assignedToName.map(ActivityListView.Columns.shortName) ?? "nobody"
                setStatus("Someone changed \(activity.activityType.label) \(activity.id) first: it is now assigned to \(holder)", error: true)
            }
            if case .form(var form)? = workingOverlay, case .edit(let p, let formID, _, _) = form.mode, formID == activity.id {
                // The activity changed under an open form: keep the user's input, take the new revision.
                form.mode = .edit(patientID: p, id: formID, revision: activity.revision, original: ActivityDraft(activity))
                workingOverlay = .form(form)
            }
            return []
        case (.patient(let id), .success(.patient(let read))):
            if patient?.id == id { patient = read }
            return []
        case (.patient, .failure):
            return []  // the title and header go without the record; the lists say what is wrong
        case (.queueSeen, .success(.queueSeen(let seen))):
            return receiveQueueSeen(seen)
        case (.newCount(let since), .success(.count(let count))):
            if since == queueSeenAt { newCount = count }
            return []
        case (.queueSeen, .failure), (.newCount, .failure):
            return []  // no count in the title bar; the lists say what is wrong with the backend
        case (.views, .success(.views(let page))):
            return receiveViews(page)
        case (.viewCount(let id, _), .success(.count(let count))):
            receiveViewCount(count, viewID: id)
            return []
        case (.viewCount, .failure):
            return []  // the picker shows no count; the status line is not the place for it
        case (.allItems(_, let generation), .success(.allItems(let items))):
            return receiveAllItems(items, generation: generation)
        case (.detail(_, _, let generation), .failure(let error)):
            guard generation == detailGeneration else { return [] }
            detailLoading = false
            if error == .activityNotFound {
                detail = nil
                detailTarget = nil
            }
            setStatus(error.description, error: true)
            return []
        case (_, .failure(let error)):
            setStatus(error.description, error: true)
            return []
        default:
            return []
        }
    }
}

extension AppState {
    /// What follows a page taken into its list: the next pages, and what the list drives (the
    /// patients list the timeline, the queue the timeline and the detail).
    private mutating func afterPage(of read: ListRead) -> [Effect] {
        switch read {
        case .patients:
            // The timeline's patient as just read: a changed record shows without reselecting.
            if let shown = patient, let row = patients.loadedIndex(of: shown.id), let read = patients.item(at: row), read != shown { patient = read }
            var effects = loadPages()
            if patient == nil || focus == .patients, leftList == .patients {
                effects += select(patient: patients.selected)
            }
            return effects
        case .timeline(_, _):
            // Opened by id alone (a patient's saved view): the name comes with the rows.
            if patient?.name.isEmpty == true, let first = timeline.pages.values.first?.first { patient?.name = first.patientName }
            var effects = continueAfterMissedTarget()
            timeline.scrollToCursor(rows: layout.rows(.timeline))
            effects += loadPages()
            // In the queue the detail follows the queue; while landing it stays on the target.
            if focusedList != .queue { effects += syncDetail() }
            return effects
        case .queue:
            var effects = syncQueuePatient() + loadPages()
            if focus == .patients { effects += syncDetail() }
            return effects
        }
    }
}

extension PagedList where Item == ActivitySummary {
    /// Brings a list row up to date with a freshly read detail (status, assignee, counts).
    mutating func replaceSummary(of detail: ActivityDetail) {
        guard let existing = pages.values.lazy.compactMap({ $0.first { $0.id == detail.id } }).first else { return }
        var item = existing
        item.update(from: detail)
        replace(item)
    }
}
