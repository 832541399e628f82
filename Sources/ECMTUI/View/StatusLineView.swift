import ECMDomain

/// The bottom line: activity, messages, where the data is, who is acting, when it was read.
enum StatusLineView {
    static let spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, rect: Rect, into buffer: inout Buffer) {
        buffer.fill(rect, style: Style(.title))
        let zone = state.configuration.timeZone
        // Least important first: what does not fit is dropped, "? help" always stays.
        var right: [String] = [state.configuration.location, state.me?.name ?? "…"]
        if let last = state.lastRefresh { right.append("refreshed \(Clock.timeWithSeconds(last, zone))") }
        right.append("? help")
        var rightText = " " + right.joined(separator: " · ") + " "
        while DisplayWidth.of(rightText) > rect.width * 3 / 5, right.count > 1 {
            right.removeFirst()
            rightText = " " + right.joined(separator: " · ") + " "
        }
        let rightWidth = min(DisplayWidth.of(rightText), rect.width * 3 / 5)
        var x = 0
        if state.inFlight > 0 {
            x += buffer.write(" \(spinner[state.ticks % spinner.count]) ", x: 0, y: rect.y, style: Style(.accent, bold: true))
        } else {
            x += 1
        }
        if let status = state.status {
            buffer.write(status.text, x: x, y: rect.y, width: rect.width - rightWidth - x - 1, style: status.isError ? Style(.error, bold: true) : Style(.title))
        }
        buffer.write(rightText, x: rect.width - rightWidth, y: rect.y, width: rightWidth, style: Style(.dim))
    }
}
