import ECMDomain
import Foundation

/// Everything the UI shows, in one value. Only `update` changes it; `View` only reads it.
public struct AppState: Sendable, Equatable {
    public struct Configuration: Sendable, Equatable {
        /// Where data lives, for the status line.
        public var location: String
        /// Seconds between re-reads of what is on screen.
        public var refreshInterval: Int
        /// Times are shown in this zone (the machine's; UTC in tests).
        public var timeZone: TimeZone
        /// Said in the status line when the UI opens (where the demo's email goes, the first time).
        public var notice: String?
        /// Whether email recorded here leaves: on a local store without a transport it does not,
        /// and the UI says so where the coordinator records and reads an email.
        public var emailSending: EmailSending
        /// Seconds without a key before the UI locks (nil: never, for tests).
        public var idleLockSeconds: Int?
        /// Whether a locked UI can sign in again (over a server); on a local store it ends.
        public var signInAvailable: Bool
        public init(
            location: String, refreshInterval: Int = 10, timeZone: TimeZone = TimeZone(identifier: "UTC")!, notice: String? = nil,
            emailSending: EmailSending = .configured, idleLockSeconds: Int? = nil, signInAvailable: Bool = false
        ) {
            self.location = location
            self.refreshInterval = refreshInterval
            self.timeZone = timeZone
            self.notice = notice
            self.emailSending = emailSending
            self.idleLockSeconds = idleLockSeconds
            self.signInAvailable = signInAvailable
        }
    }

    /// Whether anything sends the email recorded through this UI.
    public enum EmailSending: Sendable, Equatable {
        /// A server sends it, or this process runs the delivery worker.
        case configured
        /// A local store and no `--mail-transport`: it stays pending until one is configured.
        case notConfigured

        /// What the UI says of a pending email that nothing sends.
        public static let notSentText = "not sent: no mail transport (ecm --mail-transport …, or ecm mail deliver)"
    }

    public struct StatusMessage: Sendable, Equatable {
        public var text: String
        public var isError: Bool
        public init(text: String, isError: Bool) {
            self.text = text
            self.isError = isError
        }
    }

    public var configuration: Configuration
    public var size: Size
    public var now: Timestamp
    public var ticks = 0

    public var me: User?
    public var users: [User] = []

    public var focus: Pane = .patients
    public var leftMode: LeftMode = .patients

    public var patients = PagedList<Patient>()
    public var patientQuery = PatientQuery(page: PageRequest(page: 1, size: 100))
    /// The patient whose timeline is shown.
    public var patient: Patient?

    public var timeline = PagedList<ActivitySummary>()
    public var timelineFilter = ActivityQuery()
    public var queue = PagedList<ActivitySummary>()
    /// The queue's order (`o` cycles it): soonest due first — so what is overdue leads — then oldest.
    public var queueOrder: ListOrder = .due

    /// The activity the detail, comments and subtasks panes show.
    public var detail: ActivityDetail?
    public var detailTarget: ActivityKey?
    /// A take (`t`) that someone else's change beat: when the activity is read again, the
    /// status line says who holds it now.
    public var claimLost: ActivityKey?
    /// What `u` does: the reverse of the last action that can be reversed, with the revision
    /// that action left (a change made since is refused, never overwritten).
    public var undo: UndoEntry?
    /// The reverse of each update sent that could be undone, until its answer comes.
    public var undoable: [Write: ActivityInput] = [:]
    /// Marked activities by id (Space, `V`): what `x`, `X`, `a`, `t`, `D` and `c` act on while
    /// there are any. They outlive refreshes, filters and the list they were marked in.
    public var marks: [Int64: MarkedActivity] = [:]
    /// The user's saved views and those shared in the clinic (read when the picker opens).
    public var savedViews: [SavedView] = []
    /// What the left pane's list shows in queue mode (`m`: My open; `v` picks another).
    public var activeView: SavedView = SavedView.myOpen
    /// When the user last looked at their queue (the backend keeps it); nil until known.
    public var queueSeenAt: Timestamp?
    /// What this look at the queue shows as new, first: given by someone else after this.
    public var newSince: Timestamp?
    /// How many items someone else gave the user since they last looked (the title bar's "3 new").
    public var newCount: Int?
    /// The batch being written, until its last answer.
    public var batchRun: BatchRun?
    /// Numbers batches and mark-all reads, so that a late answer to an older one is ignored.
    public var batchGeneration = 0
    public var detailGeneration = 0
    public var detailLoading = false
    /// Selected line of the detail (Enter follows the link on it).
    public var detailCursor = 0
    public var commentsCursor = 0
    public var subtasksCursor = 0

    public var overlay: Overlay?
    public var status: StatusMessage?
    public var inFlight = 0
    /// When the last re-read was started (the next one is due `refreshInterval` later).
    public var lastRefresh: Timestamp?
    /// When the backend last answered a read: the age of what is on screen.
    public var dataReadAt: Timestamp?
    /// Since when the backend cannot be reached (nil while it answers).
    public var offlineSince: Timestamp?
    public var quitRequested = false
    /// Said on the terminal after the UI ends (why it ended, when it locked itself).
    public var exitMessage: String?
    /// The sign-in prompt over a cleared screen, while locked.
    public var lock: LockScreen?
    /// When the last key came: the idle lock counts from it.
    public var lastInputAt: Timestamp
    /// Where to go back to after signing in again.
    public var resume: ResumePoint?

    public init(configuration: Configuration, size: Size, now: Timestamp) {
        self.configuration = configuration
        self.size = size
        self.now = now
        self.lastInputAt = now
    }

    /// The activity list the left pane shows in queue mode, else the timeline.
    var activityListFocused: Bool { focus == .timeline || (focusedList == .queue) }

    /// The activity the user means right now: the selected row of the focused list, else the detail's.
    public var selectedActivity: (patientID: Int64, id: Int64, summary: ActivitySummary?)? {
        if focus == .timeline, let item = timeline.selected { return (item.patientID, item.id, item) }
        if focusedList == .queue, let item = queue.selected { return (item.patientID, item.id, item) }
        if focus == .subtasks, let detail, detail.subtasks.indices.contains(subtasksCursor) {
            let item = detail.subtasks[subtasksCursor]
            return (item.patientID, item.id, item)
        }
        if let detail, focus != .patients { return (detail.patientID, detail.id, nil) }
        return nil
    }

    /// The overlay being worked in: the one in front, or the one its F1 help covers. What
    /// answers arrive for (a form's new revision, a picker's counts, unsaved text) is judged and
    /// changed here, so that looking at the keys changes nothing; setting it keeps the help up.
    public var workingOverlay: Overlay? {
        get { overlay?.beneathHelp }
        set {
            if case .overlayHelp? = overlay, let newValue { overlay = .overlayHelp(newValue) } else { overlay = newValue }
        }
    }

    /// Whether typing must not be thrown away without asking.
    public var holdsUnsavedInput: Bool {
        switch workingOverlay {
        case .form(let form)?: form.isDirty
        case .commentEditor(let editor)?: !editor.input.text.isBlank
        default: false
        }
    }
}

