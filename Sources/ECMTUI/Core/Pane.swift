/// The panes of the main screen, numbered as keys 1–5 jump to them.
public enum Pane: Int, CaseIterable, Sendable {
    case patients = 1, timeline, detail, comments, subtasks

    public var title: String {
        switch self {
        case .patients: "Patients"
        case .timeline: "Timeline"
        case .detail: "Detail"
        case .comments: "Comments"
        case .subtasks: "Subtasks"
        }
    }
}

/// What the left list shows: the caseload, or the acting user's open work across patients.
public enum LeftMode: Sendable, Equatable {
    case patients
    case queue
}
