import ECMDomain

/// Work the update function asks for. It runs outside (the effect runner talks to the backend,
/// the loop owns the terminal) and comes back as a `Message`.
public enum Effect: Hashable, Sendable {
    case fetch(Fetch)
    case write(Write)
    /// Suspend the UI and edit text in `$EDITOR`.
    case openEditor(text: String, target: EditorTarget)
    case quit
    /// Sign in to the server again (the locked UI's prompt).
    case signIn(login: String, password: String)
    /// Drop the session: ended on the server, forgotten here.
    case endSession
    /// Send a batch's writes in order, reporting outcomes as they come (`batchProgress`).
    case batch(BatchJob)
    /// Send no more of a batch's writes: the rest are reported not run.
    case stopBatch(id: Int)
}

/// A read, tagged with the generation of the list it fills so late answers can be ignored.
public enum Fetch: Hashable, Sendable {
    case me
    case users
    /// A page of one of the paged lists (patients, timeline, queue).
    case page(ListRead, generation: Int)
    case detail(patientID: Int64, id: Int64, generation: Int)
    /// A patient with their member record: the timeline's title and the detail's header for a
    /// patient landed on from outside the patients list (the queue, a link, a saved view).
    case patient(id: Int64)
    /// Every item of a list, all pages (`V`), as marks.
    case allItems(ListSource, generation: Int)
    /// The user's saved views and those shared with them.
    case views
    /// How many items a view holds now (the picker's live counts).
    case viewCount(viewID: Int64, ListSource)
    /// When the user last looked at their queue.
    case queueSeen
    /// How many open items someone else gave the user after `since`.
    case newCount(since: Timestamp)
}

extension Fetch {
    /// Reads it from a backend: what the effect runner (and the benchmarks' harness) do with it.
    public func read(from backend: any ActivityBackend) async throws(BackendError) -> FetchResult {
        switch self {
        case .me: .me(try await backend.currentUser())
        case .users: .users(try await backend.users(search: nil))
        case .page(.patients(let query), _): .patients(try await backend.patients(query))
        case .page(.timeline(let patientID, let query), _): .activities(try await ListSource.timeline(patientID: patientID, query).page(from: backend))
        case .page(.queue(let query), _): .activities(try await ListSource.queue(query).page(from: backend))
        case .detail(let patientID, let id, _): .detail(try await backend.activity(patientID: patientID, id: id))
        case .patient(let id): .patient(try await backend.patient(id: id))
        case .allItems(let source, _): .allItems(try await source.readAll(from: backend))
        case .views: .views(try await backend.views(page: PageRequest(page: 1, size: PageRequest.maximumSize)))
        case .viewCount(_, let source): .count(try await source.count(from: backend))
        case .queueSeen: .queueSeen(try await backend.queueSeen())
        case .newCount(let since): .count(try await ListSource.queue(ActivityQuery(status: .created, assignedAfter: since)).count(from: backend))
        }
    }
}

/// A list of activities as the backend reads it.
public enum ListSource: Hashable, Sendable {
    case timeline(patientID: Int64, ActivityQuery)
    case queue(ActivityQuery)

    /// One page of the list, as the query asks for it unless `page` says which.
    public func page(_ page: PageRequest? = nil, from backend: any ActivityBackend) async throws(BackendError) -> Page<ActivitySummary> {
        switch self {
        case .timeline(let patientID, var query):
            if let page { query.page = page }
            return try await backend.activities(patientID: patientID, query: query)
        case .queue(var query):
            if let page { query.page = page }
            return try await backend.queue(query)
        }
    }

    /// How many items the list holds (one item read, its pagination's total).
    public func count(from backend: any ActivityBackend) async throws(BackendError) -> Int {
        try await page(PageRequest(page: 1, size: 1), from: backend).pagination.totalCount
    }

    /// Every item of the list, page after page (the API's largest), kept as marks only: what `V`
    /// marks, without holding whole rows.
    public func readAll(from backend: any ActivityBackend) async throws(BackendError) -> [MarkedActivity] {
        var items: [MarkedActivity] = []
        var number = 1
        while true {
            let result = try await page(PageRequest(page: number, size: PageRequest.maximumSize), from: backend)
            items += result.items.map(MarkedActivity.init)
            guard number < result.pagination.totalPages, !result.items.isEmpty else { return items }
            number += 1
        }
    }
}

/// A change, and why it was made (so the answer lands in the right place).
public enum Write: Hashable, Sendable {
    case create(patientID: Int64, input: ActivityInput)
    case update(patientID: Int64, id: Int64, input: ActivityInput, ifRevision: Int64?, purpose: UpdatePurpose)
    case delete(patientID: Int64, id: Int64, ifRevision: Int64?)
    case comment(patientID: Int64, activityID: Int64, body: String)
    /// A failed email's message, due again now.
    case retryEmail(activityID: Int64)
    /// A new saved view (`:view save NAME`).
    case saveView(ViewChange)
    /// The user looks at their queue now (what was new is shown; the count starts again).
    case lookAtQueue
}

public enum UpdatePurpose: Hashable, Sendable {
    case form, complete, reopen, cancel, assign
    /// `t`: taken by the acting user; refused with `If-Match` when someone changed it first.
    case claim
    /// `u`: the reverse of the last action.
    case undo
}

/// What an external edit was for.
public enum EditorTarget: Hashable, Sendable {
    case comment
    case formField(ActivityField)
}

/// What a fetch brought back.
public enum FetchResult: Hashable, Sendable {
    case me(User)
    case users([User])
    case patients(Page<Patient>)
    case activities(Page<ActivitySummary>)
    case detail(ActivityDetail)
    case patient(Patient)
    case allItems([MarkedActivity])
    case views(Page<SavedView>)
    case count(Int)
    case queueSeen(QueueSeen)
}

/// What a write brought back.
public enum WriteResult: Hashable, Sendable {
    case activity(ActivityDetail)
    case deleted
    case comment(Comment)
    case emailRetried(EmailDeliveryItem)
    case view(SavedView)
    case queueSeen(QueueSeen)
}

/// Everything that can happen to the UI.
public enum Message: Hashable, Sendable {
    case key(Key)
    /// The time, just before a key: the key is dated by it, not by the last tick (stale after a
    /// stall, which dated keys into the past and let the idle lock end a UI just used).
    case clock(Timestamp)
    case resize(Size)
    /// About once a second: drives live refresh and the spinner.
    case tick(Timestamp)
    case action(Action)
    case fetched(Fetch, Result<FetchResult, BackendError>)
    case wrote(Write, Result<WriteResult, BackendError>)
    case editorFinished(String?, EditorTarget)
    case signedIn(Result<User, BackendError>)
    /// Outcomes of a batch's next items, in the order sent.
    case batchProgress(id: Int, [BatchOutcome])
}

extension Write {
    /// The activity a write is about (nil for a create).
    var activityID: Int64? {
        switch self {
        case .create, .saveView, .lookAtQueue: nil
        case .update(_, let id, _, _, _), .delete(_, let id, _): id
        case .comment(_, let id, _): id
        case .retryEmail(let id): id
        }
    }
}
