import ECMDomain

/// Draws the state into a buffer of cells. Pure: the same state and size give the same frame.
public enum View {
    /// The frame for a state, and where the terminal cursor goes (nil hides it).
    public static func render(_ state: AppState) -> (buffer: Buffer, cursor: (x: Int, y: Int)?) {
        var buffer = Buffer(size: state.size)
        if state.size.isBelowMinimum {
            tooSmall(&buffer)
            return (buffer, nil)
        }
        if let lock = state.lock {
            let cursor = LockView.draw(lock, state: state, into: &buffer)
            return (buffer, cursor)
        }
        let layout = state.layout
        titleBar(state, layout, &buffer)
        for (pane, rect) in layout.panes {
            let focused = pane == state.focus
            switch pane {
            case .patients:
                if state.leftMode == .queue {
                    ActivityListView.draw(state.queue, pane: .patients, title: state.queueTitle + marked(state), state: state, showPatient: true, rect: rect, focused: focused, into: &buffer)
                } else {
                    PatientsView.draw(state, rect: rect, focused: focused, into: &buffer)
                }
            case .timeline:
                let title = timelineTitle(state, width: titleRoom(rect, state.timeline))
                ActivityListView.draw(state.timeline, pane: .timeline, title: title, state: state, showPatient: false, rect: rect, focused: focused, into: &buffer)
            case .detail: DetailView.draw(state, rect: rect, focused: focused, into: &buffer)
            case .comments: CommentsView.draw(state, rect: rect, focused: focused, into: &buffer)
            case .subtasks: SubtasksView.draw(state, rect: rect, focused: focused, into: &buffer)
            }
        }
        StatusLineView.draw(state, rect: layout.status, into: &buffer)
        let cursor = OverlayView.draw(state, into: &buffer)
        return (buffer, cursor)
    }

    static func tooSmall(_ buffer: inout Buffer) {
        let size = buffer.size
        let lines = ["Terminal too small", "(need 80×24, have \(size.width)×\(size.height))", "Enlarge the window, or press q to quit."]
        for (index, line) in lines.enumerated() {
            let y = size.height / 2 - 1 + index
            let width = DisplayWidth.of(line)
            buffer.write(line, x: max(0, (size.width - width) / 2), y: y, style: index == 0 ? .error : .normal)
        }
    }

    /// `Timeline · Aram Petrosyan · 2 marked · enrolled since 2026-01-05 · Health Net · (415) 555-0134`:
    /// whose timeline, then the member's status, plan and phone (the list cuts what does not fit).
    static func timelineTitle(_ state: AppState, width: Int) -> String {
        guard let patient = state.patient else { return "Timeline" + marked(state) }
        let title = "Timeline · " + TerminalSafe.line(patient.name) + marked(state)
        let room = width - DisplayWidth.of(title) - 3
        let member = room > 0 ? MemberText.summary(patient.member, width: room) : ""
        return member.isEmpty ? title : title + " · " + member
    }

    /// The columns a list's title has in its box's top border beside the list's position.
    static func titleRoom<Item>(_ rect: Rect, _ list: PagedList<Item>) -> Int {
        // The box keeps 2 columns each side and a space either side of its title; one between.
        max(0, rect.width - 7 - DisplayWidth.of(position(list)))
    }

    /// " · 7 marked" in a list's title while there are marks (they may be in another list).
    static func marked(_ state: AppState) -> String {
        state.marks.isEmpty ? "" : " · \(state.marks.count.grouped) marked"
    }

    static func titleBar(_ state: AppState, _ layout: Layout, _ buffer: inout Buffer) {
        let rect = layout.title
        buffer.fill(rect, style: Style(.title))
        var x = buffer.write(" ecm ", x: 0, y: rect.y, style: Style(.title, bold: true))
        for pane in Pane.allCases {
            let visible = layout.rect(pane) != nil
            let label = " \(pane.rawValue) \(pane == .patients && state.leftMode == .queue ? "Queue" : pane.title) "
            let style: Style = pane == state.focus ? Style(.selected, bold: true) : Style(visible ? .title : .dim)
            x += buffer.write(label, x: x, y: rect.y, style: style)
        }
        var end = rect.width
        if let count = state.newCount, count > 0 {
            // What someone else gave the user since they last looked: m shows it first.
            let text = " \(count.grouped) new · m "
            let width = DisplayWidth.of(text)
            if end - width > x {
                end -= width
                buffer.write(text, x: end, y: rect.y, width: width, style: Style(.accent, bold: true))
            }
        }
        var right: [String] = []
        if let type = state.timelineFilter.activityType { right.append("type=\(type.rawValue)") }
        if let status = state.timelineFilter.status { right.append("status=\(status.rawValue)") }
        if let id = state.timelineFilter.assignedToID {
            right.append("assignee=\(state.users.first { $0.id == id }?.name ?? String(id))")
        }
        if !right.isEmpty {
            let text = "filter: " + right.joined(separator: " ") + " "
            let width = min(DisplayWidth.of(text), max(0, end - x - 1))
            buffer.write(text, x: end - width, y: rect.y, width: width, style: Style(.warning, bold: true))
        }
    }

    /// A pane's frame with its title; returns the content rectangle.
    @discardableResult
    static func box(_ rect: Rect, title: String, focused: Bool, into buffer: inout Buffer) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let style = focused ? Style(.accent, bold: true) : Style.border
        for x in rect.x..<rect.maxX {
            buffer[x, rect.y] = Cell("─", style: style)
            buffer[x, rect.maxY - 1] = Cell("─", style: style)
        }
        for y in rect.y..<rect.maxY {
            buffer[rect.x, y] = Cell("│", style: style)
            buffer[rect.maxX - 1, y] = Cell("│", style: style)
        }
        buffer[rect.x, rect.y] = Cell("┌", style: style)
        buffer[rect.maxX - 1, rect.y] = Cell("┐", style: style)
        buffer[rect.x, rect.maxY - 1] = Cell("└", style: style)
        buffer[rect.maxX - 1, rect.maxY - 1] = Cell("┘", style: style)
        buffer.write(" \(title) ", x: rect.x + 2, y: rect.y, width: rect.width - 4, style: focused ? Style(.accent, bold: true) : Style(.title, bold: true))
        return rect.inner
    }

    /// A row's style: the cursor row is highlighted, more strongly in the focused pane.
    static func rowStyle(selected: Bool, focused: Bool) -> Style {
        guard selected else { return .normal }
        return focused ? Style(.selected, bold: true) : Style(.selectedUnfocused)
    }

    /// A list's place in its title: `3/1,204`.
    static func position<Item>(_ list: PagedList<Item>) -> String {
        guard list.isLoaded else { return "loading…" }
        if list.isSeeking { return "finding…" }
        return list.isEmpty ? "none" : "\((list.cursor + 1).grouped)/\(list.count.grouped)"
    }
}
