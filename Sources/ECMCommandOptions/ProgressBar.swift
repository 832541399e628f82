import Foundation

/// One line on a terminal's stderr redrawn in place (`ecm demo-data`, `ecm report prtf`,
/// `ecm-server copy`, `ecm-server patients import`); nothing when stderr is not a terminal.
public final class ProgressBar: Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1

    public init() {}

    /// `label` (a stage or table) before the bar, `unit` after the count.
    public func show(_ done: Int, _ total: Int, label: String = "", unit: String = "") {
        guard enabled else { return }
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let prefix = label.isEmpty ? "" : label.padding(toLength: 11, withPad: " ", startingAt: 0) + " "
        let suffix = unit.isEmpty ? "" : " " + unit
        FileHandle.standardError.write(Data("\r\(prefix)\(bar) \(done)/\(total)\(suffix)\u{1B}[K".utf8))
    }

    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
