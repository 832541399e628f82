import ECMDomain
import Foundation

/// A list of activities (a patient's timeline, or the queue across patients), newest first and
/// grouped by day: the date shows on the first row of each day.
enum ActivityListView {
    static func draw(
        _ list: PagedList<ActivitySummary>, pane: Pane, title: String, state: AppState, showPatient: Bool, rect: Rect, focused: Bool,
        into buffer: inout Buffer
    ) {
        // The title gives way to the list's position.
        let inner = View.box(rect, title: "\(title.truncated(toWidth: View.titleRoom(rect, list))) \(View.position(list))", focused: focused, into: &buffer)
        guard inner.height > 1, inner.width > 20 else { return }
        // DUE takes room from the text only where the list has something due (on its loaded pages).
        let anyDue = list.pages.values.contains { $0.contains { $0.due != nil } }
        let columns = Columns(
            width: inner.width, showPatient: showPatient, zoneName: WallClock.zoneName(state.configuration.timeZone, at: state.now), showsDue: anyDue,
            showsMarks: !state.marks.isEmpty)
        buffer.write(columns.header, x: inner.x, y: inner.y, width: inner.width, style: .dim)
        if list.isLoaded && list.isEmpty {
            let text = showPatient ? "Nothing open is assigned to you. 🎉" : state.patient == nil ? "Choose a patient." : "No activities match."
            buffer.write(text, x: inner.x + 1, y: inner.y + 2, width: inner.width - 2, style: .dim)
            return
        }
        if !list.isLoaded && state.patient == nil && !showPatient {
            buffer.write("Choose a patient.", x: inner.x + 1, y: inner.y + 2, style: .dim)
            return
        }
        let zone = state.configuration.timeZone
        let rows = Layout.listRows(of: pane, in: rect)
        for row in 0..<rows.height {
            let index = list.top + row
            guard index < max(list.count, 1) else { break }
            let y = rows.y + row
            let style = View.rowStyle(selected: index == list.cursor && !list.isSeeking, focused: focused)
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            guard let item = list.item(at: index) else {
                buffer.write(list.isLoaded ? "  …" : "  loading…", x: inner.x, y: y, width: inner.width, style: style.role == .normal ? .dim : style)
                continue
            }
            let previous = row == 0 ? nil : list.item(at: index - 1)
            let newDay = previous.map { Clock.dayKey($0.occurredAt, zone) != Clock.dayKey(item.occurredAt, zone) } ?? true
            columns.draw(
                item, showDate: newDay, marked: state.marks[item.id] != nil, isNew: showPatient && state.isNew(item), zone: zone,
                now: state.now, y: y, x: inner.x, style: style, into: &buffer)
        }
    }

    /// Column widths for a list width; narrower lists drop the age, the assignee, then the time.
    struct Columns {
        let width: Int
        let showPatient: Bool
        /// Heads the time column, so the list says once which zone its times are in (`PST`).
        let zoneName: String
        /// Whether anything in the list is due: without, no DUE column.
        var showsDue = true
        /// Whether anything is marked: then a column of ✔ leads.
        var showsMarks = false
        var mark: Int { showsMarks ? 1 : 0 }
        var date: Int { 6 }
        var time: Int { width >= 60 ? 5 : 0 }
        var type: Int { 5 }
        /// Wide enough for the longest status word, "cancelled"; narrow lists (the queue beside
        /// the timeline) leave it out for the text, and the detail pane says it.
        var status: Int { width >= 60 ? 9 : 0 }
        /// "First L." names; narrower below 100 columns, where the status words took the room.
        var assignee: Int { width >= 100 ? 14 : width >= 76 ? 12 : 0 }
        /// When it is due (`due_at`, an appointment's booked time), styled by how soon.
        var due: Int { showsDue && width >= 40 ? 8 : 0 }
        /// How long since it was recorded.
        var age: Int { width >= 90 ? 4 : 0 }
        var notes: Int { width >= 50 ? 3 : 0 }
        var subtasks: Int { width >= 50 ? 5 : 0 }
        var what: Int {
            width - [mark, date, time, type, status, due, age, assignee, notes, subtasks].filter { $0 > 0 }.reduce(0) { $0 + $1 + 1 }
        }

        var header: String {
            var text = mark > 0 ? "  " : ""
            text += "DATE".padded(toWidth: date) + " "
            if time > 0 { text += zoneName.padded(toWidth: time) + " " }
            text += "TYPE".padded(toWidth: type) + " "
            if status > 0 { text += "STATUS".padded(toWidth: status) + " " }
            if due > 0 { text += "DUE".padded(toWidth: due) + " " }
            if age > 0 { text += " AGE" + " " }
            text += (showPatient ? "PATIENT · WHAT" : "WHAT").padded(toWidth: max(0, what)) + " "
            if assignee > 0 { text += "ASSIGNED TO".padded(toWidth: assignee) + " " }
            if notes > 0 { text += "  C" + " " }
            if subtasks > 0 { text += "  SUB" }
            while text.last == " " { text.removeLast() }
            return text
        }

        func draw(
            _ item: ActivitySummary, showDate: Bool, marked: Bool = false, isNew: Bool = false, zone: TimeZone, now: Timestamp, y: Int, x: Int,
            style: Style,
            into buffer: inout Buffer
        ) {
            var x = x
            func cell(_ text: String, _ width: Int, _ cellStyle: Style? = nil, right: Bool = false) {
                guard width > 0 else { return }
                let shown = right ? String(repeating: " ", count: max(0, width - DisplayWidth.of(text))) + text : text
                buffer.write(shown, x: x, y: y, width: width, style: cellStyle ?? style)
                x += width + 1
            }
            cell(marked ? "✔" : "", mark, style.role == .normal ? Style(.accent, bold: true) : Style(style.role, bold: true))
            cell(showDate ? Clock.day(item.occurredAt, zone) : "", date, style.role == .normal ? Style(.title) : style)
            cell(Clock.time(item.occurredAt, zone), time, style.role == .normal ? .dim : style)
            cell(item.activityType.label, type, style.role == .normal ? Style(item.activityType.role, bold: true) : style)
            cell(item.status.label, status, style.role == .normal ? item.status.style : style)
            if let dueTime = item.due {
                let urgency = Aging.urgency(due: dueTime, open: item.status == .created, now: now, zone: zone)
                cell(Aging.dueText(dueTime, urgency: urgency, now: now, zone: zone), due, style.role == .normal ? Aging.style(urgency) : style)
            } else {
                cell("", due)
            }
            cell(Aging.age(since: item.createdAt, now: now), age, style.role == .normal ? .dim : style, right: true)
            var what = item.headline
            if showPatient { what = item.patientName + " · " + what }
            if item.parentID != nil { what = "↳ " + what }
            if item.blocked { what = "BLOCKED " + what }
            // Too narrow for the DUE column: what is late says so first.
            if due == 0, showsDue, let dueTime = item.due, Aging.urgency(due: dueTime, open: item.status == .created, now: now, zone: zone) == .overdue {
                what = "LATE " + what
            }
            var whatWidth = self.what
            if isNew, whatWidth > 12 {
                // Given by someone else since the last look at the queue.
                buffer.write("NEW", x: x, y: y, width: whatWidth, style: style.role == .normal ? Style(.accent, bold: true) : Style(style.role, bold: true))
                x += 4
                whatWidth -= 4
            }
            if let mail = item.emailStatus, whatWidth > 12 {
                // Where an email's message is, before its text: failed in the error style.
                let marker = mail.marker
                buffer.write(marker, x: x, y: y, width: whatWidth, style: style.role == .normal ? mail.style : style)
                let used = DisplayWidth.of(marker) + 1
                x += used
                whatWidth -= used
            }
            cell(what, what.isEmpty ? 0 : whatWidth)
            if what.isEmpty { x += whatWidth + 1 }
            cell(item.assignedToName.map(Self.shortName) ?? "—", assignee)
            cell(item.commentsCount > 0 ? String(item.commentsCount) : "", notes, right: true)
            cell(item.subtasksCount > 0 ? "\(item.subtasksCompletedCount)/\(item.subtasksCount)" : "", subtasks, right: true)
        }

        /// "Maria Hernández" → "Maria H."
        static func shortName(_ name: String) -> String {
            let parts = name.split(separator: " ")
            guard parts.count > 1, let initial = parts.last?.first else { return name }
            return "\(parts[0]) \(initial)."
        }
    }
}

extension ActivityType {
    var role: Style.Role {
        switch self {
        case .task: .typeTask
        case .note: .typeNote
        case .sms: .typeSMS
        case .call: .typeCall
        case .email: .typeEmail
        case .inPersonAppointment: .typeVisit
        }
    }
}

extension ActivityStatus {
    var style: Style {
        switch self {
        case .created: Style(.warning, bold: true)
        case .complete: Style(.success)
        case .cancelled: Style(.dim)
        }
    }
}

extension EmailDeliveryStatus {
    /// The timeline's marker for an email's message: `✉ sent`, `✉ pending`, `✉ FAILED`, `✉ cancelled`.
    var marker: String { self == .failed ? "✉ FAILED" : "✉ \(rawValue)" }

    var style: Style {
        switch self {
        case .pending: Style(.warning)
        case .sent: Style(.success)
        case .failed: Style(.error, bold: true)
        case .cancelled: Style(.dim)
        }
    }
}
