import ECMDomain

/// The update function: a message in, the new state and the effects to run out. No I/O and no
/// waiting happen here; tests call it directly and compare state and effects.
extension AppState {
    /// The state and effects the UI starts with.
    public static func start(configuration: Configuration, size: Size, now: Timestamp) -> (AppState, [Effect]) {
        var state = AppState(configuration: configuration, size: size, now: now)
        if let notice = configuration.notice { state.status = StatusMessage(text: notice, isError: false) }
        var effects: [Effect] = [.fetch(.me), .fetch(.users)]
        effects += state.loadPages()
        // After the first page: the count of what is new can wait; the caseload cannot.
        effects.append(.fetch(.queueSeen))
        state.lastRefresh = now
        state.inFlight += effects.count
        return (state, effects)
    }

    public var layout: Layout { Layout(size: size, focus: focus) }

    public mutating func update(_ message: Message) -> [Effect] {
        var effects: [Effect]
        switch message {
        case .key(let key):
            effects = handle(key: key)
        case .clock(let time):
            now = max(now, time)
            effects = []
        case .action(let action):
            effects = perform(action)
        case .resize(let newSize):
            size = newSize
            patients.scrollToCursor(rows: layout.rows(.patients))
            timeline.scrollToCursor(rows: layout.rows(.timeline))
            queue.scrollToCursor(rows: layout.rows(.patients))
            effects = loadPages()
        case .tick(let time):
            now = time
            ticks += 1
            effects = []
            if idleLockDue, let seconds = configuration.idleLockSeconds {
                effects = lockUp(.idle(seconds: seconds))
            } else if lock == nil, inFlight == 0, overlay == nil || !holdsUnsavedInput,
                let last = lastRefresh, time.milliseconds - last.milliseconds >= Int64(configuration.refreshInterval) * 1000
            {
                effects = refresh()
            }
        case .fetched(let fetch, let result):
            inFlight = max(0, inFlight - 1)
            // Locked: what was on its way is not shown (nor kept).
            if lock != nil { return [] }
            if case .failure(.sessionExpired) = result, configuration.signInAvailable { return lockUp(.sessionExpired) }
            noteReachability(result.map { _ in () })
            if case .success = result { dataReadAt = now }
            effects = receive(fetch, result)
        case .wrote(let write, let result):
            inFlight = max(0, inFlight - 1)
            if lock != nil { return [] }
            if case .failure(.sessionExpired) = result, configuration.signInAvailable {
                effects = lockUp(.sessionExpired)
                if case .form(var form)? = workingOverlay {
                    form.submitting = false
                    workingOverlay = .form(form)
                }
                return effects
            }
            noteReachability(result.map { _ in () })
            effects = receive(write, result)
        case .editorFinished(let text, let target):
            effects = editorFinished(text, target)
        case .signedIn(let result):
            inFlight = max(0, inFlight - 1)
            effects = signedIn(result)
        case .batchProgress(let id, let outcomes):
            effects = receiveBatch(id: id, outcomes)
        }
        inFlight += effects.filter(\.isBackendCall).count
        return effects
    }

    /// Keys go to the lock's prompt when locked, else to the overlay first, then through the
    /// keymap of the focused pane.
    mutating func handle(key: Key) -> [Effect] {
        lastInputAt = now
        if lock != nil { return handleLock(key: key) }
        if overlay != nil { return handleOverlay(key: key) }
        guard let action = Keymap.action(for: key, in: focus) else { return [] }
        status = nil
        return perform(action)
    }

    /// Re-reads what is on screen; cursors stay on the same rows' records.
    mutating func refresh() -> [Effect] {
        lastRefresh = now
        var effects = refetchShownLists() + countNew()
        if let target = detailTarget {
            detailGeneration += 1
            effects.append(.fetch(.detail(patientID: target.patientID, id: target.id, generation: detailGeneration)))
        }
        effects += loadPages()
        return effects
    }

    /// Any answer means the backend is reachable again; an unreachable one starts (or
    /// continues) the outage the status line reports.
    private mutating func noteReachability(_ result: Result<Void, BackendError>) {
        switch result {
        case .success: offlineSince = nil
        case .failure(.unavailable): offlineSince = offlineSince ?? now
        case .failure: offlineSince = nil
        }
    }

    mutating func setStatus(_ text: String, error: Bool = false) {
        status = StatusMessage(text: text, isError: error)
    }
}

extension Effect {
    /// Whether the effect waits on the backend (and so turns the spinner on).
    var isBackendCall: Bool {
        switch self {
        case .fetch, .write, .signIn, .batch: true
        case .openEditor, .quit, .endSession, .stopBatch: false
        }
    }
}

extension PagedList {
    /// Starts re-reading the pages around the cursor: the generation moves on (older answers are
    /// ignored), the rows stay on screen until the new ones arrive, and the cursor follows its item.
    mutating func beginRefresh() -> [Int] {
        guard isLoaded else { return [] }
        let current = cursor / pageSize + 1
        let keep = Set(heldPages.filter { abs($0 - current) <= 1 })
        let held = pages
        reset(keepingCursor: true)
        for number in keep { restore(number, held[number] ?? []) }
        for number in keep { markPending(number) }
        return keep.sorted()
    }
}
