import ECMDomain

/// The three lists too long to hold, read page by page through one mechanism: the patients,
/// the patient's timeline, and the queue (the left pane's view).
public enum ListID: Hashable, Sendable, CaseIterable {
    case patients, timeline, queue

    /// The pane that shows it.
    var pane: Pane { self == .timeline ? .timeline : .patients }
}

/// A page of one of the lists, as the backend reads it.
public enum ListRead: Hashable, Sendable {
    case patients(PatientQuery)
    case timeline(patientID: Int64, ActivityQuery)
    case queue(ActivityQuery)

    public var list: ListID {
        switch self {
        case .patients: .patients
        case .timeline: .timeline
        case .queue: .queue
        }
    }

    public var pageNumber: Int {
        switch self {
        case .patients(let query): query.page.page
        case .timeline(_, let query), .queue(let query): query.page.page
        }
    }
}

extension AppState {
    /// The list the left pane shows.
    var leftList: ListID { leftMode == .queue ? .queue : .patients }

    /// The list in the focused pane, if it shows one.
    var focusedList: ListID? {
        switch focus {
        case .patients: leftList
        case .timeline: .timeline
        default: nil
        }
    }

    /// The activity list in the focused pane (the timeline, or the queue on the left), if any.
    var focusedActivityListID: ListID? { focusedList == .patients ? nil : focusedList }

    /// The lists on screen: the left pane's, and the timeline once a patient is chosen.
    var shownLists: [ListID] { patient == nil ? [leftList] : [leftList, .timeline] }

    /// How page `page` of a list is read, with the list's current query.
    func read(_ list: ListID, page: Int) -> ListRead? {
        switch list {
        case .patients:
            var query = patientQuery
            query.page = PageRequest(page: page, size: patients.pageSize)
            return .patients(query)
        case .timeline:
            guard let patient else { return nil }
            var query = timelineFilter
            query.page = PageRequest(page: page, size: timeline.pageSize)
            return .timeline(patientID: patient.id, query)
        case .queue:
            // The view shown (My open unless `v` chose another), in the queue's order.
            var query = activeView.filters.query(
                viewer: me?.id ?? 0, now: now, zone: configuration.timeZone, page: PageRequest(page: page, size: queue.pageSize))
            if !query.unassigned { query.assignedToID = activeView.filters.assignedToID ?? me?.id }
            query.order = queueOrder
            // My open shows first what is new since the user last looked.
            if activeView == SavedView.myOpen { query.newSince = newSince }
            return .queue(query)
        }
    }

    /// The fetch of a page of a list, tagged with the list's generation.
    func pageFetch(_ list: ListID, page: Int) -> Effect? {
        read(list, page: page).map { .fetch(.page($0, generation: generation(of: list))) }
    }

    func generation(of list: ListID) -> Int {
        switch list {
        case .patients: patients.generation
        case .timeline: timeline.generation
        case .queue: queue.generation
        }
    }

    /// Fetches for every page the visible rows of the lists on screen need that is neither held
    /// nor asked for.
    mutating func loadPages() -> [Effect] {
        shownLists.flatMap { list in
            switch list {
            case .patients: loadPages(\.patients, list)
            case .timeline: loadPages(\.timeline, list)
            case .queue: loadPages(\.queue, list)
            }
        }
    }

    private mutating func loadPages<Item>(_ keyPath: WritableKeyPath<AppState, PagedList<Item>>, _ list: ListID) -> [Effect] {
        var effects: [Effect] = []
        for page in self[keyPath: keyPath].pagesNeeded(rows: layout.rows(list.pane)) {
            guard let fetch = pageFetch(list, page: page) else { break }
            self[keyPath: keyPath].markPending(page)
            effects.append(fetch)
        }
        return effects
    }

    /// Reads again every page held of the lists on screen (a refresh): cursors stay on the same
    /// records.
    mutating func refetchShownLists() -> [Effect] {
        shownLists.flatMap { list in
            switch list {
            case .patients: refetch(\.patients, list)
            case .timeline: refetch(\.timeline, list)
            case .queue: refetch(\.queue, list)
            }
        }
    }

    private mutating func refetch<Item>(_ keyPath: WritableKeyPath<AppState, PagedList<Item>>, _ list: ListID) -> [Effect] {
        let pages = self[keyPath: keyPath].beginRefresh()
        return pages.compactMap { pageFetch(list, page: $0) }
    }

    /// Takes a page into its list; false when it is stale (an older query's, another patient's).
    mutating func accept(_ answer: FetchResult, for read: ListRead, generation: Int) -> Bool {
        switch (read, answer) {
        case (.patients, .patients(let page)):
            return accept(page, into: \.patients, read, generation)
        case (.timeline(let patientID, _), .activities(let page)):
            return patientID == patient?.id && accept(page, into: \.timeline, read, generation)
        case (.queue, .activities(let page)):
            return accept(page, into: \.queue, read, generation)
        default:
            return false
        }
    }

    private mutating func accept<Item>(
        _ page: Page<Item>, into keyPath: WritableKeyPath<AppState, PagedList<Item>>, _ read: ListRead, _ generation: Int
    ) -> Bool {
        guard self[keyPath: keyPath].receive(page, number: read.pageNumber, generation: generation) else { return false }
        self[keyPath: keyPath].scrollToCursor(rows: layout.rows(read.list.pane))
        return true
    }

    /// A page that could not be read: asked for again when next needed, and the status line says why.
    mutating func pageFailed(_ read: ListRead, generation: Int, _ error: BackendError) {
        switch read.list {
        case .patients: patients.failed(number: read.pageNumber, generation: generation)
        case .timeline: timeline.failed(number: read.pageNumber, generation: generation)
        case .queue: queue.failed(number: read.pageNumber, generation: generation)
        }
        setStatus(error.description, error: true)
    }
}
