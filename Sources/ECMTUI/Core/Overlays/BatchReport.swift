import ECMDomain

/// The result list of a finished batch: each item and its outcome, what went wrong first.
public struct BatchReport: KeyedOverlay, Equatable {
    public struct Row: Sendable, Equatable {
        public var label: String
        public var outcome: BatchOutcome
    }
    public var title: String
    public var summary: String
    public var rows: [Row]
    public var cursor = 0

    init(title: String, summary: String, rows: [Row]) {
        self.title = title
        self.summary = summary
        // Stable: within each group the order sent.
        self.rows = rows.filter { !$0.outcome.isDone } + rows.filter(\.outcome.isDone)
    }

    public enum Command: Sendable, Equatable { case down, up, pageDown, pageUp, close, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.down, .character("j")], .down, "move", label: "j/k"),
        OverlayBinding([.up, .character("k")], .up, "up", label: "↑ k", hinted: false),
        OverlayBinding([.pageDown, .character(" "), .control("f")], .pageDown, "page down", hinted: false),
        OverlayBinding([.pageUp, .control("b")], .pageUp, "page up", hinted: false),
        OverlayBinding([.escape, .enter, .character("q")], .close, "closes", label: "Esc, Enter or q"),
        OverlayBinding(Key.overlayHelpOrQuestionMark, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func batchReportKey(_ key: Key, _ report: inout BatchReport) -> [Effect] {
        let rows = max(1, size.height - 10)
        let last = max(0, report.rows.count - 1)
        switch BatchReport.command(for: key) {
        case .close?:
            overlay = nil
            return []
        case .down?: report.cursor = min(report.cursor + 1, last)
        case .up?: report.cursor = max(0, report.cursor - 1)
        case .pageDown?: report.cursor = min(report.cursor + rows, last)
        case .pageUp?: report.cursor = max(0, report.cursor - rows)
        case .help?:
            overlay = .overlayHelp(.batchReport(report))
            return []
        case nil: break
        }
        overlay = .batchReport(report)
        return []
    }
}
