import ECMDomain

/// Everything the user can do, by name. Keys map to actions through `Keymap`; the command line
/// (`:complete`, `:assign Maria`) names them directly. Update handles actions in one place.
public enum Action: Hashable, Sendable {
    // Moving
    case moveDown, moveUp, top, bottom, pageDown, pageUp, halfPageDown, halfPageUp
    case open, back, focusNext, focusPrevious, focusLeft, focusRight
    case focusPane(Pane)
    // Everywhere
    case quit, help, commandLine, refresh, toggleQueue
    // Patients
    case search(String?), sort
    // Activities
    case filter(String?), new(ActivityType?), edit, assign(String?), toggleComplete, cancelActivity, delete
    case comment, addSubtask, retryEmail, claim, undo
    // Marks (the lists of activities)
    case mark, markAll
    // Saved views: nil opens the picker; a name shows it; `save NAME` / `share NAME` saves
    case view(String?)
    // Command line only
    case patient(String?)

    /// The name used on the command line.
    public var name: String {
        switch self {
        case .moveDown: "down"
        case .moveUp: "up"
        case .top: "top"
        case .bottom: "bottom"
        case .pageDown: "page-down"
        case .pageUp: "page-up"
        case .halfPageDown: "half-page-down"
        case .halfPageUp: "half-page-up"
        case .open: "open"
        case .back: "back"
        case .focusNext: "next-pane"
        case .focusPrevious: "previous-pane"
        case .focusLeft: "left"
        case .focusRight: "right"
        case .focusPane(let pane): pane.title.lowercased()
        case .quit: "quit"
        case .help: "help"
        case .commandLine: "command"
        case .refresh: "refresh"
        case .toggleQueue: "queue"
        case .search: "search"
        case .sort: "sort"
        case .filter: "filter"
        case .new: "new"
        case .edit: "edit"
        case .assign: "assign"
        case .toggleComplete: "complete"
        case .cancelActivity: "cancel"
        case .delete: "delete"
        case .comment: "comment"
        case .addSubtask: "subtask"
        case .retryEmail: "retry"
        case .claim: "take"
        case .undo: "undo"
        case .mark: "mark"
        case .markAll: "mark-all"
        case .view: "view"
        case .patient: "patient"
        }
    }

    /// What help says it does.
    public var summary: String {
        switch self {
        case .moveDown: "move down"
        case .moveUp: "move up"
        case .top: "go to the first row"
        case .bottom: "go to the last row"
        case .pageDown: "page down"
        case .pageUp: "page up"
        case .halfPageDown: "half a page down"
        case .halfPageUp: "half a page up"
        case .open: "open / follow link"
        case .back: "back / close"
        case .focusNext: "next pane"
        case .focusPrevious: "previous pane"
        case .focusLeft: "pane to the left"
        case .focusRight: "pane to the right"
        case .focusPane(let pane): "go to \(pane.title)"
        case .quit: "quit"
        case .help: "this help"
        case .commandLine: "command line"
        case .refresh: "reload what is shown"
        case .toggleQueue: "my queue / patients"
        case .search: "search patients"
        case .sort: "sort / the queue's order"
        case .filter: "filter type/status/who"
        case .new: "new activity"
        case .edit: "edit activity"
        case .assign: "reassign"
        case .toggleComplete: "complete / reopen"
        case .cancelActivity: "cancel activity"
        case .delete: "delete (asks first)"
        case .comment: "add a comment"
        case .addSubtask: "add subtask (tasks only)"
        case .retryEmail: "try a failed email again"
        case .claim: "take it (assign to me)"
        case .undo: "undo the last action"
        case .mark: "mark, move down"
        case .markAll: "mark all in the list"
        case .view: "saved views, with counts"
        case .patient: "find and open a patient"
        }
    }

    /// Actions the command line offers, with their argument's kind for completion.
    public static let commands: [(name: String, argument: CommandArgument, make: @Sendable (String?) -> Action?)] = [
        ("new", .activityType, { text in
            guard let text, !text.isEmpty else { return .new(nil) }
            return ActivityType(commandWord: text).map { .new($0) }
        }),
        ("complete", .none, { _ in .toggleComplete }),
        ("cancel", .none, { _ in .cancelActivity }),
        ("delete", .none, { _ in .delete }),
        ("edit", .none, { _ in .edit }),
        ("assign", .user, { .assign($0) }),
        ("filter", .filter, { .filter($0) }),
        ("patient", .patient, { .patient($0) }),
        ("search", .patient, { .search($0) }),
        ("comment", .none, { _ in .comment }),
        ("subtask", .none, { _ in .addSubtask }),
        ("retry", .none, { _ in .retryEmail }),
        ("take", .none, { _ in .claim }),
        ("undo", .none, { _ in .undo }),
        ("mark-all", .none, { _ in .markAll }),
        ("view", .none, { .view($0) }),
        ("queue", .none, { _ in .toggleQueue }),
        ("refresh", .none, { _ in .refresh }),
        ("sort", .none, { _ in .sort }),
        ("help", .none, { _ in .help }),
        ("quit", .none, { _ in .quit }),
        ("q", .none, { _ in .quit }),
    ]

    public enum CommandArgument: Sendable { case none, activityType, user, filter, patient }
}

extension ActivityType {
    /// Reads `task`, `in_person_appointment`, and the short words people type (`visit`, `appointment`).
    public init?(commandWord: String) {
        let word = commandWord.lowercased().trimmingCharacters(in: .whitespaces)
        if let type = ActivityType(rawValue: word) { self = type; return }
        switch word {
        case "visit", "appointment", "in-person", "in_person", "meeting": self = .inPersonAppointment
        case "text": self = .sms
        case "phone": self = .call
        default: return nil
        }
    }
}
