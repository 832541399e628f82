import ECMDomain

/// Asking for pages and details, and taking the answers.
extension AppState {
    func patientsFetch(page: Int) -> Effect {
        var query = patientQuery
        query.page = PageRequest(page: page, size: patients.pageSize)
        return .fetch(.patients(query, generation: patients.generation))
    }

    func timelineFetch(patientID: Int64, page: Int) -> Effect {
        var query = timelineFilter
        query.page = PageRequest(page: page, size: timeline.pageSize)
        return .fetch(.timeline(patientID: patientID, query, generation: timeline.generation))
    }

    /// A page of the left pane's list: the view shown (My open unless `v` chose another), in
    /// the queue's order.
    func queueFetch(page: Int) -> Effect {
        var query = activeView.filters.query(
            viewer: me?.id ?? 0, now: now, zone: configuration.timeZone, page: PageRequest(page: page, size: queue.pageSize))
        query.assignedToID = activeView.filters.assignedToID ?? me?.id
        query.order = queueOrder
        return .fetch(.queue(query, generation: queue.generation))
    }

    /// Fetches for every page the visible rows need that is neither held nor asked for.
    mutating func loadPages() -> [Effect] {
        var effects: [Effect] = []
        let layout = self.layout
        if leftMode == .patients {
            for page in patients.pagesNeeded(rows: layout.rows(.patients)) {
                patients.markPending(page)
                effects.append(patientsFetch(page: page))
            }
        } else {
            for page in queue.pagesNeeded(rows: layout.rows(.patients)) {
                queue.markPending(page)
                effects.append(queueFetch(page: page))
            }
        }
        if let patient {
            for page in timeline.pagesNeeded(rows: layout.rows(.timeline)) {
                timeline.markPending(page)
                effects.append(timelineFetch(patientID: patient.id, page: page))
            }
        }
        return effects
    }

    /// Shows a patient's timeline (from the top, with the current filter).
    mutating func select(patient newPatient: Patient?) -> [Effect] {
        guard newPatient?.id != patient?.id else { return [] }
        patient = newPatient
        timeline.reset()
        return loadPages()
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
        let list = leftMode == .queue && focus == .patients ? queue : timeline
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
        case (.patients(let query, let generation), .success(.patients(let page))):
            guard patients.receive(page, number: query.page.page, generation: generation) else { return [] }
            patients.scrollToCursor(rows: layout.rows(.patients))
            var effects = loadPages()
            if patient == nil || focus == .patients, leftMode == .patients {
                effects += select(patient: patients.selected)
            }
            return effects
        case (.timeline(let patientID, let query, let generation), .success(.activities(let page))):
            guard patientID == patient?.id, timeline.receive(page, number: query.page.page, generation: generation) else { return [] }
            // Opened by id alone (a patient's saved view): the name comes with the rows.
            if patient?.name.isEmpty == true, let first = page.items.first { patient?.name = first.patientName }
            var effects = continueAfterMissedTarget()
            timeline.scrollToCursor(rows: layout.rows(.timeline))
            effects += loadPages()
            // In the queue the detail follows the queue; while landing it stays on the target.
            if leftMode == .patients || focus != .patients { effects += syncDetail() }
            return effects
        case (.queue(let query, let generation), .success(.activities(let page))):
            guard queue.receive(page, number: query.page.page, generation: generation) else { return [] }
            queue.scrollToCursor(rows: layout.rows(.patients))
            var effects = syncQueuePatient() + loadPages()
            if focus == .patients { effects += syncDetail() }
            return effects
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
            if case .form(var form)? = overlay, case .edit(let p, let formID, _, _) = form.mode, formID == activity.id {
                // The activity changed under an open form: keep the user's input, take the new revision.
                form.mode = .edit(patientID: p, id: formID, revision: activity.revision, original: ActivityDraft(activity))
                overlay = .form(form)
            }
            return []
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
        case (.patients(let query, let generation), .failure(let error)):
            patients.failed(number: query.page.page, generation: generation)
            setStatus(error.description, error: true)
            return []
        case (.timeline(_, let query, let generation), .failure(let error)):
            timeline.failed(number: query.page.page, generation: generation)
            setStatus(error.description, error: true)
            return []
        case (.queue(let query, let generation), .failure(let error)):
            queue.failed(number: query.page.page, generation: generation)
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

extension PagedList where Item == ActivitySummary {
    /// Brings a list row up to date with a freshly read detail (status, assignee, counts).
    mutating func replaceSummary(of detail: ActivityDetail) {
        guard let existing = pages.values.lazy.compactMap({ $0.first { $0.id == detail.id } }).first else { return }
        var item = existing
        item.update(from: detail)
        replace(item)
    }
}
