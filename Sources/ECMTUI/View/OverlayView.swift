import ECMDomain

/// Whatever sits over the panes. Returns where the terminal cursor goes while typing.
enum OverlayView {
    static func draw(_ state: AppState, into buffer: inout Buffer) -> (x: Int, y: Int)? {
        guard let overlay = state.overlay else { return nil }
        let size = state.size
        switch overlay {
        case .help:
            help(state, &buffer)
            return nil
        case .overlayHelp(let underneath):
            var beneath = state
            beneath.overlay = underneath
            _ = draw(beneath, into: &buffer)
            overlayHelp(underneath, size, &buffer)
            return nil
        case .search(let search):
            let y = size.height - 1
            let input = search.input
            buffer.fill(Rect(x: 0, y: y, width: size.width, height: 1), style: Style(.selectedUnfocused))
            let x = buffer.write("Search patients: ", x: 1, y: y, style: Style(.selectedUnfocused, bold: true)) + 1
            let hint = search.hintLine(width: max(0, size.width - x - 24))
            let hintWidth = DisplayWidth.of(hint)
            buffer.write(input.text, x: x, y: y, width: size.width - x - hintWidth - 3, style: Style(.selectedUnfocused))
            buffer.write(hint, x: size.width - hintWidth - 1, y: y, width: hintWidth, style: Style(.selectedUnfocused))
            return (min(size.width - 1, x + DisplayWidth.of(input.beforeCursorOnLine)), y)
        case .commandLine(let line):
            let y = size.height - 1
            buffer.fill(Rect(x: 0, y: y, width: size.width, height: 1), style: Style(.selectedUnfocused))
            buffer.write(":" + line.input.text, x: 0, y: y, width: size.width, style: Style(.selectedUnfocused))
            if line.completions.count > 1 {
                let shown = line.completions.prefix(8).joined(separator: "  ")
                buffer.writeRow(" " + shown, x: 0, y: y - 1, width: size.width, style: Style(.dim))
            }
            return (min(size.width - 1, 1 + DisplayWidth.of(line.input.beforeCursorOnLine)), y)
        case .typePicker(let picker):
            let types = ActivityType.allCases
            let rect = centered(width: 40, height: types.count + 4, in: size)
            let inner = box(rect, title: picker.parentID == nil ? "New activity" : "New subtask", &buffer)
            for (index, type) in types.enumerated() {
                let style = View.rowStyle(selected: index == picker.cursor, focused: true)
                buffer.writeRow(" \(type.shortcut)  \(type.label) (\(type.rawValue))", x: inner.x, y: inner.y + index, width: inner.width, style: style)
            }
            buffer.write(picker.hintLine(width: inner.width), x: inner.x, y: inner.maxY - 1, width: inner.width, style: .dim)
            return nil
        case .form(let form):
            return FormView.draw(form, state: state, into: &buffer)
        case .confirm(let confirmation):
            let text = confirmation.question + " y/N"
            let width = min(size.width - 4, max(DisplayWidth.of(confirmation.keys), DisplayWidth.of(text)) + 6)
            let lines = Wrap.lines(text, width: width - 4)
            let rect = centered(width: width, height: lines.count + 5, in: size)
            let inner = box(rect, title: "Confirm", &buffer)
            for (row, line) in lines.enumerated() {
                buffer.write(line, x: inner.x + 1, y: inner.y + 1 + row, width: inner.width - 2, style: Style(.warning, bold: true))
            }
            buffer.write(confirmation.keys, x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: .dim)
            return nil
        case .userPicker(let picker):
            let matches = picker.matches(in: state.users)
            let rect = centered(width: 48, height: min(size.height - 4, 16), in: size)
            let inner = box(rect, title: "Assign to", &buffer)
            buffer.write("Name: " + picker.query.text, x: inner.x, y: inner.y, width: inner.width, style: Style(.accent, bold: true))
            let rows = inner.height - 2
            let top = max(0, picker.cursor - rows + 1)
            for row in 0..<rows {
                let index = top + row
                guard index < matches.count else { break }
                let style = View.rowStyle(selected: index == picker.cursor, focused: true)
                buffer.writeRow(" " + matches[index].name, x: inner.x, y: inner.y + 1 + row, width: inner.width, style: style)
            }
            if matches.isEmpty { buffer.write(" nobody matches", x: inner.x, y: inner.y + 1, style: .dim) }
            buffer.write(picker.hintLine(width: inner.width), x: inner.x, y: inner.maxY - 1, width: inner.width, style: .dim)
            return (inner.x + 6 + DisplayWidth.of(picker.query.beforeCursorOnLine), inner.y)
        case .filter(let form):
            let rect = centered(width: 52, height: 8, in: size)
            let inner = box(rect, title: "Filter timeline", &buffer)
            let rows = [
                ("Type", form.type?.label ?? "any"), ("Status", form.status?.label ?? "any"),
                ("Assignee", form.assignee?.name ?? "anyone"),
            ]
            for (index, row) in rows.enumerated() {
                let style = View.rowStyle(selected: index == form.row, focused: true)
                buffer.writeRow(" \(row.0.padded(toWidth: 10)) ‹ \(row.1) ›", x: inner.x, y: inner.y + index, width: inner.width, style: style)
            }
            for (row, line) in Wrap.lines(form.hintLine(), width: inner.width).suffix(2).enumerated() {
                buffer.write(line, x: inner.x, y: inner.maxY - 2 + row, width: inner.width, style: .dim)
            }
            return nil
        case .batchReport(let report):
            batchReport(report, size, &buffer)
            return nil
        case .viewPicker(let picker):
            viewPicker(picker, state, &buffer)
            return nil
        case .commentEditor(let editor):
            let input = editor.input
            let height = min(size.height / 2, max(6, EditorLayout(input, width: size.width - 3).lines.count + 3))
            let rect = Rect(x: 0, y: size.height - 1 - height, width: size.width, height: height)
            let title = "Comment on \(editor.on) — " + editor.hintLine(width: max(0, size.width - 20 - DisplayWidth.of(editor.on)))
            let inner = box(rect, title: title, &buffer)
            let layout = EditorLayout(input, width: inner.width - 1)
            let shown = layout.visible(height: inner.height)
            for (row, text) in shown.lines.enumerated() { buffer.write(text, x: inner.x, y: inner.y + row, width: inner.width) }
            return (inner.x + layout.cursorColumn, inner.y + layout.cursorRow - shown.first)
        }
    }

    /// Saved views: built in, then the user's and the clinic's shared ones, each with its count.
    static func viewPicker(_ picker: ViewPicker, _ state: AppState, _ buffer: inout Buffer) {
        let size = state.size
        let rect = centered(width: 64, height: picker.views.count + 4, in: size)
        let inner = box(rect, title: "Views", &buffer)
        let rows = max(0, inner.height - 2)
        let top = max(0, min(picker.cursor - rows + 1, picker.views.count - rows))
        for row in 0..<rows {
            let index = top + row
            guard index < picker.views.count else { break }
            let view = picker.views[index]
            let style = View.rowStyle(selected: index == picker.cursor, focused: true)
            buffer.fill(Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1), style: style)
            var name = view.name
            if !view.isBuiltIn, view.userID != state.me?.id { name += " (\(ActivityListView.Columns.shortName(view.userName)))" }
            let marker = view.isBuiltIn ? " " : view.shared ? "⇄" : "•"
            let count = picker.counts[view.id].map(\.grouped) ?? "…"
            buffer.write(marker + " " + name, x: inner.x + 1, y: inner.y + row, width: inner.width - 10, style: style)
            buffer.write(String(repeating: " ", count: max(0, 7 - count.count)) + count, x: inner.maxX - 9, y: inner.y + row, width: 8,
                         style: style.role == .normal ? Style(.accent, bold: true) : style)
        }
        buffer.write(picker.hintLine() + " · ⇄ shared · :view save NAME", x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: .dim)
    }

    /// A finished batch: what it did, then each item and its outcome, problems first.
    static func batchReport(_ report: BatchReport, _ size: Size, _ buffer: inout Buffer) {
        let rect = centered(width: 100, height: report.rows.count + 6, in: size)
        let inner = box(rect, title: report.title, &buffer)
        guard inner.height >= 3 else { return }
        let summary = Wrap.lines(report.summary, width: inner.width - 2).prefix(2)
        for (row, line) in summary.enumerated() {
            buffer.write(line, x: inner.x + 1, y: inner.y + row, width: inner.width - 2, style: Style(.accent, bold: true))
        }
        let listY = inner.y + summary.count + 1
        let rows = max(0, inner.maxY - 1 - listY)
        let top = max(0, min(report.cursor - rows + 1, report.rows.count - rows))
        let outcomeWidth = min(36, inner.width / 2)
        for row in 0..<rows {
            let index = top + row
            guard index < report.rows.count else { break }
            let item = report.rows[index]
            let style = View.rowStyle(selected: index == report.cursor, focused: true)
            buffer.fill(Rect(x: inner.x, y: listY + row, width: inner.width, height: 1), style: style)
            let outcomeStyle = style.role == .normal ? (item.outcome.isDone ? Style(.success) : Style(.error, bold: true)) : style
            let labelWidth = inner.width - outcomeWidth - 3
            buffer.write(item.label, x: inner.x + 1, y: listY + row, width: labelWidth, style: style)
            buffer.write(item.outcome.text, x: inner.x + 2 + labelWidth, y: listY + row, width: outcomeWidth, style: outcomeStyle)
        }
        let position = "\((report.cursor + 1).grouped)/\(report.rows.count.grouped)"
        buffer.write("\(position) · " + report.hintLine(width: inner.width - 4 - position.count), x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: .dim)
    }

    static func centered(width: Int, height: Int, in size: Size) -> Rect {
        let w = min(width, size.width - 2)
        let h = min(height, size.height - 2)
        return Rect(x: (size.width - w) / 2, y: (size.height - h) / 2, width: w, height: h)
    }

    /// A framed, cleared box.
    static func box(_ rect: Rect, title: String, _ buffer: inout Buffer) -> Rect {
        buffer.fill(rect)
        return View.box(rect, title: title, focused: true, into: &buffer)
    }

    /// What help says about marks, and where the keys of forms, pickers and questions are.
    static let markKeys = "Marked (Space, V): x X a t D c act on all of them · u undoes · Esc clears"
    static let questionKeys = "Forms, pickers, questions: F1 shows their keys, Esc asks before discarding"

    /// An overlay's keys over it, from its binding table; any key returns to it.
    static func overlayHelp(_ overlay: Overlay, _ size: Size, _ buffer: inout Buffer) {
        let (title, entries) = overlay.keys
        let rect = centered(width: 64, height: entries.count + 2, in: size)
        let inner = box(rect, title: "Keys — \(title) (any key returns)", &buffer)
        let keysWidth = min(16, entries.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        for (row, entry) in entries.enumerated() where row < inner.height {
            buffer.write(entry.keys, x: inner.x + 1, y: inner.y + row, width: keysWidth, style: .key)
            buffer.write(entry.summary, x: inner.x + keysWidth + 3, y: inner.y + row, width: inner.width - keysWidth - 4)
        }
    }

    static func help(_ state: AppState, _ buffer: inout Buffer) {
        let entries = Keymap.helpEntries(for: state.focus)
        let rect = centered(width: 104, height: (entries.count + 1) / 2 + 7, in: state.size)
        let pane = state.focusedList == .queue ? "My queue" : state.focus.title
        let inner = box(rect, title: "Keys — \(pane) (any key closes)", &buffer)
        let half = (entries.count + 1) / 2
        let columnWidth = inner.width / 2
        for (index, entry) in entries.enumerated() {
            let column = index < half ? 0 : 1
            let row = index < half ? index : index - half
            guard row < inner.height - 3 else { continue }
            let x = inner.x + column * columnWidth
            buffer.write(entry.keys, x: x + 1, y: inner.y + row, width: 11, style: .key)
            buffer.write(entry.summary, x: x + 13, y: inner.y + row, width: columnWidth - 14)
        }
        buffer.write(Self.markKeys, x: inner.x + 1, y: inner.maxY - 3, width: inner.width - 2, style: .dim)
        buffer.write(Self.questionKeys, x: inner.x + 1, y: inner.maxY - 2, width: inner.width - 2, style: .dim)
        buffer.write(":new task  :assign Maria  :filter status=created  :patient nguyen", x: inner.x + 1, y: inner.maxY - 1, width: inner.width - 2, style: .dim)
    }
}

/// The create/edit form.
enum FormView {
    static func draw(_ form: ActivityForm, state: AppState, into buffer: inout Buffer) -> (x: Int, y: Int)? {
        let size = state.size
        let labelWidth = 15
        let rect = OverlayView.centered(width: min(size.width - 4, 90), height: size.height - 2, in: size)
        var title: String
        switch form.mode {
        case .create(_, let parent): title = parent.map { "New subtask of task \($0)" } ?? "New \(form.type.label.lowercased())"
        case .edit(_, let id, _, _): title = "Edit \(form.type.label.lowercased()) \(id)"
        }
        if let patient = form.patientName { title += " for \(patient)" }
        let inner = OverlayView.box(rect, title: title, &buffer)
        var y = inner.y
        for message in form.generalErrors {
            buffer.write("! " + message, x: inner.x, y: y, width: inner.width, style: .error)
            y += 1
        }
        var cursor: (x: Int, y: Int)?
        let valueWidth = inner.width - labelWidth - 1
        for (index, row) in form.rows.enumerated() {
            guard y < inner.maxY - 2 else { break }
            let focused = index == form.focus
            let label = row.field.humanName + (row.required ? " *" : "")
            buffer.write(label, x: inner.x, y: y, width: labelWidth, style: focused ? Style(.accent, bold: true) : row.required ? Style(.normal, bold: true) : .dim)
            let layout = EditorLayout(row.input, width: valueWidth - 1)
            let shownLines = row.input.multiline ? max(1, min(focused ? 5 : 2, layout.lines.count)) : 1
            let window = row.input.multiline ? layout.visible(height: shownLines) : (0, [row.input.text][...])
            let fieldStyle = focused ? Style(.selectedUnfocused) : Style(.normal, underline: true)
            for (line, text) in window.lines.enumerated() where y + line < inner.maxY - 2 {
                buffer.fill(Rect(x: inner.x + labelWidth + 1, y: y + line, width: valueWidth, height: 1), style: fieldStyle)
                buffer.write(text, x: inner.x + labelWidth + 1, y: y + line, width: valueWidth, style: fieldStyle)
            }
            if window.lines.isEmpty {
                buffer.fill(Rect(x: inner.x + labelWidth + 1, y: y, width: valueWidth, height: 1), style: fieldStyle)
            }
            if focused {
                let column = row.input.multiline ? layout.cursorColumn : DisplayWidth.of(row.input.beforeCursorOnLine)
                let line = row.input.multiline ? layout.cursorRow - window.0 : 0
                cursor = (min(inner.maxX - 1, inner.x + labelWidth + 1 + column), y + line)
            }
            y += shownLines
            if row.field == .assignedToID, focused || form.assignee != nil {
                let hint = form.assignee.map { "→ \($0.name) (id \($0.id))" } ?? (row.input.text.isBlank ? "type a name" : "nobody matches")
                buffer.write(hint, x: inner.x + labelWidth + 1, y: y, width: valueWidth, style: form.assignee == nil ? .dim : Style(.success))
                y += 1
            }
            if let hint = hint(for: row.field, state), focused || form.errors[row.field] != nil || !row.field.isTimestamp {
                buffer.write(hint, x: inner.x + labelWidth + 1, y: y, width: valueWidth, style: .dim)
                y += 1
            }
            for message in form.errors[row.field] ?? [] where y < inner.maxY - 2 {
                buffer.write("! " + message, x: inner.x + labelWidth + 1, y: y, width: valueWidth, style: .error)
                y += 1
            }
        }
        let keys = form.submitting ? "Saving…" : form.hintLine(width: inner.width - 13) + " · * required"
        buffer.write(keys, x: inner.x, y: inner.maxY - 1, width: inner.width, style: .dim)
        return cursor
    }

    /// What goes under a field whose value is not self-evident: the format of a time (shown
    /// while it is focused or wrong), what the id of an SMS or call is (always shown).
    static func hint(for field: ActivityField, _ state: AppState) -> String? {
        switch field {
        case .bookedAt, .occurredAt: "e.g. 2024-12-01 14:00 (\(state.configuration.timeZone.identifier)), or ISO 8601 with offset"
        case .textMessageID: "the message's id in the communications system (SMS are normally recorded by it)"
        case .voiceCallID: "the call's id in the communications system (calls are normally recorded by it)"
        default: nil
        }
    }
}
