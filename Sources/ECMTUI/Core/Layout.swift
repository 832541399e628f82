/// Where each pane goes for a terminal size and focus. At 120 columns and more, patients,
/// timeline and detail sit side by side with comments and subtasks under the detail; narrower,
/// the focused part of the screen zooms in, and every pane stays one key away.
public struct Layout: Sendable, Equatable {
    /// Width from which all panes are shown at once.
    public static let wideWidth = 120
    /// The patients pane beside the timeline below `wideWidth`: room for a name and what tells
    /// namesakes apart (date of birth, CIN tail, status, open count); 4 fewer side by side.
    public static let patientsWidth = 38

    public let size: Size
    public let focus: Pane
    public let title: Rect
    public let status: Rect
    public private(set) var panes: [Pane: Rect] = [:]

    public init(size: Size, focus: Pane) {
        self.size = size
        self.focus = focus
        title = Rect(x: 0, y: 0, width: size.width, height: 1)
        status = Rect(x: 0, y: size.height - 1, width: size.width, height: 1)
        let body = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
        if size.width >= Self.wideWidth {
            let (left, rest) = body.left(max(Self.patientsWidth - 4, size.width * 22 / 100))
            let (middle, right) = rest.left(rest.width * 56 / 100)
            let (detail, below) = right.top(right.height * 55 / 100)
            let (comments, subtasks) = below.top(below.height * 60 / 100)
            panes = [.patients: left, .timeline: middle, .detail: detail, .comments: comments, .subtasks: subtasks]
        } else {
            switch focus {
            case .patients:
                let (left, right) = body.left(Self.patientsWidth)
                panes = [.patients: left, .timeline: right]
            case .timeline:
                panes = [.timeline: body]
            case .detail, .comments, .subtasks:
                let (detail, below) = body.top(body.height * 55 / 100)
                let (comments, subtasks) = below.left(below.width * 60 / 100)
                panes = [.detail: detail, .comments: comments, .subtasks: subtasks]
            }
        }
    }

    public func rect(_ pane: Pane) -> Rect? { panes[pane] }

    /// The rows a pane shows its list in: the one answer update scrolls by and the view draws
    /// into. Inside the border, and below the column header in Patients, Queue and Timeline.
    /// A hidden pane counts the rows it has when it is focused.
    public func listRows(_ pane: Pane) -> Rect {
        guard let frame = panes[pane] ?? Layout(size: size, focus: pane).panes[pane] else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        return Self.listRows(of: pane, in: frame)
    }

    /// The rows of a pane's list when the pane is framed by `frame`.
    public static func listRows(of pane: Pane, in frame: Rect) -> Rect {
        let inner = frame.inner
        return pane.hasColumnHeader ? Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1) : inner
    }

    /// How many rows of a pane's list are visible (at least 1, for paging).
    public func rows(_ pane: Pane) -> Int { max(1, listRows(pane).height) }
}

extension Pane {
    /// Lists drawn in columns under a header row.
    public var hasColumnHeader: Bool { self == .patients || self == .timeline }
}
