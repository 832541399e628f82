import ECMDomain

/// A marked activity as it was when marked: enough to act on it without reading it again, and
/// its revision, so that a change someone made since is refused (`If-Match`), never overwritten.
public struct MarkedActivity: Sendable, Hashable {
    public let patientID: Int64
    public let id: Int64
    public var revision: Int64
    public var activityType: ActivityType
    public var status: ActivityStatus
    public var assignedToID: Int64?
    public var patientName: String
    public var headline: String

    public init(_ item: ActivitySummary) {
        patientID = item.patientID
        id = item.id
        revision = item.revision
        activityType = item.activityType
        status = item.status
        assignedToID = item.assignedToID
        patientName = item.patientName
        headline = item.headline
    }

    /// After this UI changed it: the new revision is ours, not someone else's change.
    mutating func update(from detail: ActivityDetail) {
        revision = detail.revision
        status = detail.status
        assignedToID = detail.assignedToID
    }

    /// "Task 412 · José Núñez · Call pharmacy about refill", for the result list.
    var label: String { "\(activityType.label) \(id) · \(patientName) · \(headline)" }
}

/// What a batch does to every marked activity it applies to.
public enum BatchAction: Sendable, Hashable {
    case complete, reopen, cancel
    case assign(User)
    case claim(User)
    case delete
    case comment(String)
    /// The reverse of an earlier batch, which the status line named (`done`).
    case undo(done: String)

    /// "Complete", as the question asks it.
    var verb: String {
        switch self {
        case .complete: "Complete"
        case .reopen: "Reopen"
        case .cancel: "Cancel"
        case .assign: "Assign"
        case .claim: "Take"
        case .delete: "Delete"
        case .comment: "Comment on"
        case .undo: "Undo"
        }
    }

    /// "Completing", while it runs.
    var doing: String {
        switch self {
        case .complete: "Completing"
        case .reopen: "Reopening"
        case .cancel: "Cancelling"
        case .assign: "Assigning"
        case .claim: "Taking"
        case .delete: "Deleting"
        case .comment: "Commenting on"
        case .undo: "Undoing"
        }
    }

    /// "Completed", once done.
    var done: String {
        switch self {
        case .complete: "Completed"
        case .reopen: "Reopened"
        case .cancel: "Cancelled"
        case .assign(let user): "Assigned to \(user.name):"
        case .claim: "Taken:"
        case .delete: "Deleted"
        case .comment: "Commented on"
        case .undo: "Undone:"
        }
    }

    /// Whether it changes a marked activity (completing one already complete does not).
    func applies(to item: MarkedActivity) -> Bool {
        switch self {
        case .complete: item.status == .created
        case .reopen: item.status != .created
        case .cancel: item.status != .cancelled
        case .assign(let user), .claim(let user): item.assignedToID != user.id
        case .delete, .comment, .undo: true
        }
    }

    /// The write for one item, with the revision it was marked at.
    func write(for item: MarkedActivity) -> Write {
        var input = ActivityInput()
        switch self {
        case .complete: input.status = .value(ActivityStatus.complete.rawValue)
        case .reopen: input.status = .value(ActivityStatus.created.rawValue)
        case .cancel: input.status = .value(ActivityStatus.cancelled.rawValue)
        case .assign(let user), .claim(let user): input.assignedToID = .value(user.id)
        case .delete: return .delete(patientID: item.patientID, id: item.id, ifRevision: item.revision)
        case .comment(let body): return .comment(patientID: item.patientID, activityID: item.id, body: body)
        case .undo: break
        }
        return .update(patientID: item.patientID, id: item.id, input: input, ifRevision: item.revision, purpose: purpose)
    }

    /// What puts an item back as it was (nil: it cannot be undone).
    func reverse(of item: MarkedActivity) -> ActivityInput? {
        var input = ActivityInput()
        switch self {
        case .complete, .reopen, .cancel: input.status = .value(item.status.rawValue)
        case .assign, .claim: input.assignedToID = item.assignedToID.map(Field.value) ?? .null
        case .delete, .comment, .undo: return nil
        }
        return input
    }

    private var purpose: UpdatePurpose {
        switch self {
        case .complete: .complete
        case .reopen: .reopen
        case .cancel: .cancel
        case .assign: .assign
        case .claim: .claim
        case .delete, .comment, .undo: .undo
        }
    }
}

/// A batch as the effect runner gets it: one write per item, each with `If-Match`, sent in order.
public struct BatchJob: Sendable, Hashable {
    public let id: Int
    public let writes: [Write]
    public init(id: Int, writes: [Write]) {
        self.id = id
        self.writes = writes
    }
}

/// What became of one item of a batch.
public enum BatchOutcome: Sendable, Hashable {
    /// Written; the activity's new revision (nil for a delete or a comment).
    case done(revision: Int64?)
    /// Someone changed it after it was marked: left as they made it.
    case changed
    /// It no longer exists (or is no longer ours to see).
    case gone
    case failed(String)
    /// The batch was stopped before it.
    case notRun

    public init(_ result: WriteResult) {
        switch result {
        case .activity(let detail): self = .done(revision: detail.revision)
        case .deleted, .comment, .emailRetried, .view, .queueSeen: self = .done(revision: nil)
        }
    }

    public init(_ error: BackendError) {
        switch error {
        case .conflict: self = .changed
        case .activityNotFound, .patientNotFound: self = .gone
        default: self = .failed(error.description)
        }
    }

    var isDone: Bool { if case .done = self { true } else { false } }

    /// What the result list says of it.
    var text: String {
        switch self {
        case .done: "done"
        case .changed: "changed by someone else"
        case .gone: "no longer exists"
        case .failed(let message): message
        case .notRun: "not done (stopped)"
        }
    }
}

/// A batch under way: the items in the order sent, how each is put back, and the outcomes so far
/// (the runner reports them in order).
public struct BatchRun: Sendable, Equatable {
    public var action: BatchAction
    public var job: BatchJob
    public var items: [MarkedActivity]
    public var reverses: [ActivityInput?]
    public var outcomes: [BatchOutcome] = []
    public var stopping = false

    var isFinished: Bool { outcomes.count >= items.count }

    /// "Completing 1,234 of 7,000 · Esc stops".
    var progress: String {
        "\(action.doing) \(outcomes.count.grouped) of \(items.count.grouped)" + (stopping ? " · stopping…" : " · Esc stops")
    }
}

/// The last action as `u` reverses it: one write, or a batch's writes (one per item done).
public struct UndoEntry: Sendable, Equatable {
    /// What was done, as the status line said it ("Completed · task 12", "Completed 7 tasks").
    public var done: String
    public var writes: [Write]
    /// A batch's items, in the order of `writes` (empty for a single action).
    public var items: [MarkedActivity]
    public init(done: String, writes: [Write], items: [MarkedActivity] = []) {
        self.done = done
        self.writes = writes
        self.items = items
    }
}

extension Int {
    /// 50000 → "50,000".
    var grouped: String {
        let digits = String(magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (self < 0 ? "-" : "") + text
    }
}
