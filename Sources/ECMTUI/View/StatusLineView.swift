import ECMDomain

/// The bottom line: activity, messages, where the data is, who is acting, how fresh the data is.
/// A message too long for its part of the line wraps onto the row above (the panes' bottom
/// border), so an error is read whole at 80 columns.
enum StatusLineView {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, rect: Rect, into buffer: inout Buffer) {
        buffer.fill(rect, style: Style(.title))
        // Where and who are dropped when they do not fit; how fresh the data is and "? help" stay.
        var optional: [String] = [state.configuration.location, state.me?.name ?? "…"]
        let freshness = freshness(state)
        func rightText() -> String { " " + (optional + [freshness.text, "? help"]).joined(separator: " · ") + " " }
        while DisplayWidth.of(rightText()) > rect.width * 3 / 5, !optional.isEmpty { optional.removeFirst() }
        let rightWidth = min(DisplayWidth.of(rightText()), rect.width - 2)
        let rightX = rect.width - rightWidth
        buffer.write(rightText(), x: rightX, y: rect.y, width: rightWidth, style: Style(.dim))
        if freshness.isOffline, let range = rightText().range(of: freshness.text) {
            let x = rightX + DisplayWidth.of(String(rightText()[..<range.lowerBound]))
            buffer.write(freshness.text, x: x, y: rect.y, width: max(0, rect.width - x), style: Style(.error, bold: true))
        }
        var x = 1
        if state.inFlight > 0 {
            x = buffer.write(" \(spinner[state.ticks % spinner.count]) ", x: 0, y: rect.y, style: Style(.accent, bold: true))
        }
        guard let status = state.status else { return }
        let style = status.isError ? Style(.error, bold: true) : Style(.title)
        let room = rightX - x - 1
        if DisplayWidth.of(status.text) <= room {
            buffer.write(status.text, x: x, y: rect.y, width: room, style: style)
            return
        }
        // Too long: the first line goes on the row above, across the whole width, the rest here.
        let above = rect.y - 1
        guard above >= 0 else { return }
        let lines = Wrap.lines(status.text, width: rect.width - 2)
        buffer.fill(Rect(x: 0, y: above, width: rect.width, height: 1), style: Style(.title))
        buffer.write(lines.first ?? "", x: 1, y: above, width: rect.width - 2, style: style)
        buffer.write(lines.dropFirst().joined(separator: " "), x: x, y: rect.y, width: room, style: style)
    }

    /// "refreshed 09:12:03" after a successful read; during an outage, since when and how old
    /// the data on screen is.
    static func freshness(_ state: AppState) -> (text: String, isOffline: Bool) {
        let zone = state.configuration.timeZone
        if let since = state.offlineSince {
            let data = state.dataReadAt.map { "data from \(Clock.time($0, zone))" } ?? "no data read yet"
            return ("offline since \(Clock.time(since, zone)) · \(data)", true)
        }
        return (state.dataReadAt.map { "refreshed \(Clock.timeWithSeconds($0, zone))" } ?? "reading…", false)
    }
}
