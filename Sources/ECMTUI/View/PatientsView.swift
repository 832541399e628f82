import ECMDomain

/// The caseload: name, date of birth, open activities.
enum PatientsView {
    static func draw(_ state: AppState, rect: Rect, focused: Bool, into buffer: inout Buffer) {
        let list = state.patients
        var title = "Patients \(View.position(list))"
        if let search = state.patientQuery.search { title += " /\(search)" }
        if state.patientQuery.sort == .recentActivity { title += " · recent" }
        let inner = View.box(rect, title: title, focused: focused, into: &buffer)
        guard inner.height > 1 else { return }
        let openWidth = 4
        let dobWidth = inner.width >= 40 ? 11 : 0
        let nameWidth = inner.width - openWidth - dobWidth - 1
        buffer.write("NAME".padded(toWidth: nameWidth) + (dobWidth > 0 ? " BORN      " : "") + " OPEN", x: inner.x, y: inner.y, width: inner.width, style: .dim)
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
            buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
            buffer.write(patient.name, x: inner.x, y: y, width: nameWidth, style: style)
            if dobWidth > 0 { buffer.write(patient.dateOfBirth?.iso8601 ?? "—", x: inner.x + nameWidth + 1, y: y, width: 10, style: style) }
            let open = patient.openActivitiesCount > 0 ? String(patient.openActivitiesCount) : "·"
            buffer.write(open, x: inner.maxX - DisplayWidth.of(open), y: y, width: openWidth, style: style)
        }
    }
}
