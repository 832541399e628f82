import ECMDomain

/// What sits above the panes and takes the keys first.
public indirect enum Overlay: Sendable, Equatable {
    case help
    /// Patients search, typed live.
    case search(TextInput)
    case commandLine(CommandLine)
    case typePicker(TypePicker)
    case form(ActivityForm)
    case confirm(Confirmation)
    case userPicker(UserPicker)
    case filter(FilterForm)
    case commentEditor(CommentEditor)
    /// What became of each item of a finished batch.
    case batchReport(BatchReport)
    /// Saved views, with their live counts (`v`).
    case viewPicker(ViewPicker)
}

/// A comment being written and what it goes on, chosen when the editor opens: a refresh or a
/// landing that moves the selection meanwhile cannot send it elsewhere.
public struct CommentEditor: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// One activity, and how the title names it ("task 12 for José Núñez").
        case activity(ActivityKey, name: String)
        /// Every activity marked when the editor opened.
        case marked([MarkedActivity])
    }
    public var input: TextInput
    public var target: Target
    public init(_ input: TextInput = TextInput(multiline: true), target: Target) {
        self.input = input
        self.target = target
    }

    /// What the title says it is on.
    var on: String {
        switch target {
        case .activity(_, let name): name
        case .marked(let items): "\(items.count.grouped) marked"
        }
    }
}

/// `:` with completion.
public struct CommandLine: Sendable, Equatable {
    public var input = TextInput()
    public var completions: [String] = []
    public var completionIndex: Int?
    public init() {}
}

/// Choosing the type of a new activity (or subtask).
public struct TypePicker: Sendable, Equatable {
    public var cursor = 0
    public var patientID: Int64
    public var parentID: Int64?
    public init(patientID: Int64, parentID: Int64?) {
        self.patientID = patientID
        self.parentID = parentID
    }
}

/// A y/N question, what a yes does, and what a no returns to.
public struct Confirmation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        case write(Write)
        /// Run a batch over the marked activities.
        case batch(BatchRun)
        case quit
        /// Close the form or editor without saving, saying so in the status line.
        case discard(status: String)
    }
    public var question: String
    public var onYes: Outcome
    public var previous: Overlay?
    public init(question: String, onYes: Outcome, previous: Overlay? = nil) {
        self.question = question
        self.onYes = onYes
        self.previous = previous
    }

    /// The answers, as the question's box lists them.
    public var keys: String {
        let yes: String =
            switch onYes {
            case .write(.delete): "y: delete"
            case .write, .batch: "y: yes"
            case .quit: "y: quit"
            case .discard: "y: discard"
            }
        let back: String =
            switch previous {
            case .form?: "back to the form"
            case .commentEditor?: "back to the comment"
            default: "no"
            }
        return "\(yes) · n, Esc or Enter: \(back)"
    }
}

/// Picking a user by typing part of their name.
public struct UserPicker: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case assign(patientID: Int64, activityID: Int64, revision: Int64?)
        /// Every marked activity, after one confirmation.
        case assignMarked
    }
    public var query = TextInput()
    public var cursor = 0
    public var purpose: Purpose
    public init(purpose: Purpose, query: String = "") {
        self.purpose = purpose
        self.query = TextInput(query)
    }

    /// Users whose name matches the query, best first (`NameMatch`, as every picker).
    public func matches(in users: [User]) -> [User] {
        NameMatch.ranked(users, query: query.text, name: \.name)
    }
}

/// The timeline filter: type, status, assignee (the API's query parameters).
public struct FilterForm: Sendable, Equatable {
    public var row = 0
    public var type: ActivityType?
    public var status: ActivityStatus?
    public var assignee: User?
    public init(type: ActivityType?, status: ActivityStatus?, assignee: User?) {
        self.type = type
        self.status = status
        self.assignee = assignee
    }
}
