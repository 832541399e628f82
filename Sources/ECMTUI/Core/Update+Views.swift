import ECMDomain

/// Saved views (`v`, `:view NAME`, `:view save NAME`): named filters of the work lists. A view of
/// one patient opens that patient's timeline filtered; any other fills the left pane's list (the
/// queue's place) with whose work, which type and status, and how soon it is due.
extension AppState {
    /// `v`: the picker, built-in views first, each with its live count.
    mutating func openViewPicker() -> [Effect] {
        overlay = .viewPicker(ViewPicker(views: SavedView.builtIn + savedViews))
        return [.fetch(.views)] + countViews(SavedView.builtIn + savedViews)
    }

    /// The list a view stands for, now.
    func source(of view: SavedView, page: PageRequest = PageRequest()) -> ListSource? {
        guard let me else { return nil }
        var query = view.filters.query(viewer: me.id, now: now, zone: configuration.timeZone, page: page)
        if let patientID = view.filters.patientID {
            if view.filters.assignedToID == nil { query.assignedToID = nil }
            return .timeline(patientID: patientID, query)
        }
        query.order = queueOrder
        return .queue(query)
    }

    private func countViews(_ views: [SavedView]) -> [Effect] {
        views.compactMap { view in source(of: view, page: PageRequest(page: 1, size: 1)).map { .fetch(.viewCount(viewID: view.id, $0)) } }
    }

    mutating func receiveViews(_ page: Page<SavedView>) -> [Effect] {
        savedViews = page.items
        guard case .viewPicker(var picker)? = workingOverlay else { return [] }
        let selected = picker.views.indices.contains(picker.cursor) ? picker.views[picker.cursor].id : nil
        picker.views = SavedView.builtIn + page.items
        picker.cursor = picker.views.firstIndex { $0.id == selected } ?? 0
        workingOverlay = .viewPicker(picker)
        return countViews(page.items)
    }

    mutating func receiveViewCount(_ count: Int, viewID: Int64) {
        guard case .viewPicker(var picker)? = workingOverlay else { return }
        picker.counts[viewID] = count
        workingOverlay = .viewPicker(picker)
    }

    /// Shows a view: a patient's opens their timeline with the view's filters; any other fills
    /// the left pane.
    mutating func apply(_ view: SavedView) -> [Effect] {
        overlay = nil
        guard let source = source(of: view) else {
            setStatus("Still loading who you are — try again in a moment")
            return []
        }
        switch source {
        case .timeline(let patientID, var query):
            query.page = PageRequest()
            query.order = nil
            timelineFilter = query
            leftMode = .patients
            focus = .timeline
            setStatus("View: \(view.name)")
            if patient?.id == patientID {
                timeline.reset()
                return loadPages()
            }
            return select(patientID: patientID, name: patientName(patientID) ?? "")
        case .queue:
            activeView = view
            leftMode = .queue
            focus = .patients
            queue.reset()
            setStatus("View: \(view.name)")
            return loadPages()
        }
    }

    /// `:view NAME`: the view whose name matches best (built-in or saved).
    mutating func applyView(named name: String) -> [Effect] {
        let views = SavedView.builtIn + savedViews
        guard let view = NameMatch.ranked(views, query: name, name: \.name).first else {
            setStatus("No view named \(name) (v lists them)", error: true)
            return []
        }
        return apply(view)
    }

    /// `:view save NAME` (and `:view share NAME`): the list in front of the user as a view —
    /// the left pane's view, or the timeline's patient and filter.
    mutating func saveView(named name: String, shared: Bool) -> [Effect] {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else {
            setStatus("Name the view: :view save NAME", error: true)
            return []
        }
        var filters: ViewFilters
        if focusedList == .queue {
            filters = activeView.filters
        } else if let patient {
            filters = ViewFilters(
                activityType: timelineFilter.activityType, status: timelineFilter.status, assignedToID: timelineFilter.assignedToID,
                due: timelineFilter.overdue ? .overdue : nil, patientID: patient.id)
        } else {
            setStatus("Open the queue (m) or a timeline first: its filters become the view", error: true)
            return []
        }
        if filters.assignedToID == me?.id { filters.assignedToID = nil }
        return [.write(.saveView(ViewChange(name: trimmed, filters: filters, shared: shared)))]
    }

    /// The left pane's title: "My queue", or the view's name.
    var queueTitle: String { activeView == SavedView.myOpen ? "My queue" : "View · \(activeView.name)" }
}
