import ECMDomain

/// The caseload: name, then what tells namesakes apart (date of birth, CIN tail, ECM status)
/// and open activities, as many of those as the pane's width holds (`columns`).
enum PatientsView {
    static func draw(_ state: AppState, rect: Rect, focused: Bool, into buffer: inout Buffer) {
        let list = state.patients
        var title = "Patients \(View.position(list))"
        if let search = state.patientQuery.search { title += " /\(search)" }
        if state.patientQuery.sort == .recentActivity { title += " · recent" }
        let inner = View.box(rect, title: title, focused: focused, into: &buffer)
        guard inner.height > 1 else { return }
        let table = columns(width: inner.width)
        buffer.write(table.header, x: inner.x, y: inner.y, width: inner.width, style: .dim)
        let rows = Layout.listRows(of: .patients, in: rect)
        if list.isLoaded && list.isEmpty {
            buffer.write(state.patientQuery.search == nil ? "No patients yet." : "No patient matches.", x: inner.x + 1, y: inner.y + 2, style: .dim)
            return
        }
        for row in 0..<rows.height {
            let index = list.top + row
            guard index < max(list.count, 1) else { break }
            let y = rows.y + row
            let style = View.rowStyle(selected: index == list.cursor, focused: focused)
            guard let patient = list.item(at: index) else {
                buffer.writeRow(list.isLoaded ? "  …" : "  loading…", x: inner.x, y: y, width: inner.width, style: style.role == .normal ? .dim : style)
                continue
            }
            buffer.writeRow(table.line { cell(patient, $0.key) }, x: inner.x, y: y, width: inner.width, style: style)
        }
    }

    enum Column: Hashable, Sendable {
        case name, born, cin, status, open
    }

    /// The columns for a width: the name takes the rest and keeps at least 10; the open count
    /// goes first, then the status, the CIN tail, and the date of birth last.
    static func columns(width: Int) -> ColumnTable<Column> {
        ColumnTable<Column>(
            width: width, flexible: .init(.name, "NAME", width: 10),
            fixed: [
                .init(.born, "BORN", width: 10, priority: 4),
                .init(.cin, "CIN", width: 4, priority: 3),
                .init(.status, "S", width: 1, priority: 2),
                .init(.open, "OPN", width: 3, priority: 1, alignRight: true),
            ])
    }

    static func cell(_ patient: Patient, _ column: Column) -> String {
        switch column {
        case .name: TerminalSafe.line(patient.name)
        case .born: MemberText.born(patient.dateOfBirth)
        case .cin: MemberText.cinTail(patient.member.cin)
        case .status: MemberText.statusLetter(patient.member.ecmStatus)
        case .open: patient.openActivitiesCount > 0 ? String(patient.openActivitiesCount) : "·"
        }
    }
}
