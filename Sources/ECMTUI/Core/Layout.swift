/// Where each pane goes for a terminal size and focus. At 120 columns and more, patients,
/// timeline and detail sit side by side with comments and subtasks under the detail; narrower,
/// the focused part of the screen zooms in, and every pane stays one key away.
public struct Layout: Sendable, Equatable {
    /// Width from which all panes are shown at once.
    public static let wideWidth = 120

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
            let (left, rest) = body.left(max(28, size.width * 22 / 100))
            let (middle, right) = rest.left(rest.width * 56 / 100)
            let (detail, below) = right.top(right.height * 55 / 100)
            let (comments, subtasks) = below.top(below.height * 60 / 100)
            panes = [.patients: left, .timeline: middle, .detail: detail, .comments: comments, .subtasks: subtasks]
        } else {
            switch focus {
            case .patients:
                let (left, right) = body.left(34)
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

    /// Rows of content a pane shows (inside its border); a hidden pane pages as if full height.
    public func rows(_ pane: Pane) -> Int { max(1, (panes[pane]?.height ?? size.height - 2) - 2) }
}
