import ECMDomain

/// The detail, comments and subtasks of the selected activity.
enum DetailView {
    static func draw(_ state: AppState, rect: Rect, focused: Bool, into buffer: inout Buffer) {
        let inner = View.box(rect, title: "Detail" + (state.detailLoading ? " · loading…" : ""), focused: focused, into: &buffer)
        guard inner.height > 0 else { return }
        let lines = state.detailLines(width: inner.width)
        guard !lines.isEmpty else {
            buffer.write(state.detailLoading ? "Loading…" : "Select an activity.", x: inner.x + 1, y: inner.y + 1, style: .dim)
            return
        }
        let cursor = min(state.detailCursor, lines.count - 1)
        let top = max(0, min(cursor - inner.height / 2, lines.count - inner.height))
        let labelWidth = 13
        for row in 0..<inner.height {
            let index = top + row
            guard index < lines.count else { break }
            let line = lines[index]
            let y = inner.y + row
            let selected = focused && index == cursor
            let style = selected ? Style(.selected, bold: true) : line.style
            if selected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style) }
            if line.label.isEmpty {
                buffer.write(line.value, x: inner.x, y: y, width: inner.width, style: style)
            } else if line.value.isEmpty {
                buffer.write(line.label, x: inner.x, y: y, width: inner.width, style: selected ? style : Style(.title, bold: true))
            } else {
                buffer.write(line.label, x: inner.x, y: y, width: labelWidth, style: selected ? style : .dim)
                let valueStyle = selected ? style : line.link != nil ? Style(.accent, underline: true) : line.value == "—" ? .dim : .normal
                buffer.write(line.value, x: inner.x + labelWidth + 1, y: y, width: inner.width - labelWidth - 1, style: valueStyle)
            }
        }
    }
}

enum CommentsView {
    static func draw(_ state: AppState, rect: Rect, focused: Bool, into buffer: inout Buffer) {
        let comments = state.detail?.comments ?? []
        let inner = View.box(rect, title: "Comments \(comments.count)", focused: focused, into: &buffer)
        guard inner.height > 0 else { return }
        let listHeight = inner.height
        if comments.isEmpty, listHeight > 0 {
            buffer.write(state.detail == nil ? "" : "No comments yet — c adds one.", x: inner.x + 1, y: inner.y, width: inner.width - 1, style: .dim)
        }
        // Lay every comment out, then show the window that keeps the selected one in view.
        var lines: [(text: String, style: Style, comment: Int)] = []
        let zone = state.configuration.timeZone
        for (index, comment) in comments.enumerated() {
            lines.append(("\(comment.userName) · \(Clock.dateTimeWithZone(comment.createdAt, zone))", Style(.accent, bold: true), index))
            lines += Wrap.lines(comment.body, width: inner.width - 2).map { ("  " + $0, Style.normal, index) }
        }
        let cursor = min(state.commentsCursor, max(0, comments.count - 1))
        let firstOfSelected = lines.firstIndex { $0.comment == cursor } ?? 0
        let lastOfSelected = lines.lastIndex { $0.comment == cursor } ?? 0
        var top = max(0, lastOfSelected - listHeight + 1)
        top = min(top, firstOfSelected)
        for row in 0..<max(0, listHeight) {
            let index = top + row
            guard index < lines.count else { break }
            let line = lines[index]
            let selected = focused && line.comment == cursor && lines[index].style.role == .accent
            buffer.write(line.text, x: inner.x, y: inner.y + row, width: inner.width, style: selected ? Style(.selected, bold: true) : line.style)
        }
    }
}

enum SubtasksView {
    static func draw(_ state: AppState, rect: Rect, focused: Bool, into buffer: inout Buffer) {
        let subtasks = state.detail?.subtasks ?? []
        let done = subtasks.filter { $0.status == .complete }.count
        let inner = View.box(rect, title: "Subtasks \(done)/\(subtasks.count)", focused: focused, into: &buffer)
        guard inner.height > 0 else { return }
        if subtasks.isEmpty {
            let hint = state.detail.map { $0.activityType == .task ? "No subtasks — s adds one." : "Only tasks have subtasks." } ?? ""
            buffer.write(hint, x: inner.x + 1, y: inner.y, width: inner.width - 1, style: .dim)
            return
        }
        let cursor = min(state.subtasksCursor, subtasks.count - 1)
        let top = max(0, cursor - inner.height + 1)
        for row in 0..<inner.height {
            let index = top + row
            guard index < subtasks.count else { break }
            let task = subtasks[index]
            let box = task.status == .complete ? "[x]" : task.status == .cancelled ? "[-]" : "[ ]"
            let style = View.rowStyle(selected: index == cursor, focused: focused)
            buffer.writeRow("\(box) \(task.headline)", x: inner.x, y: inner.y + row, width: inner.width, style: task.status == .cancelled && style.role == .normal ? .dim : style)
        }
    }
}
