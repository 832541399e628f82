import ECMProcess
import Foundation

/// Edits text in `$VISUAL` / `$EDITOR` (default `vi`) through a private temporary file.
enum ExternalEditor {
    /// The edited text, or nil when the editor could not run or failed.
    static func edit(_ text: String) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let path = NSTemporaryDirectory() + "ecm-\(UUID().uuidString).txt"
        // Health information: only the owner may read the file, and it is removed afterwards.
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            return nil
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        // In ecm's own process group, the terminal's foreground: an editor in a group of its own
        // (as Foundation's Process starts it) cannot read the terminal, and vi quit at once.
        let process = ChildProcess()
        process.ownProcessGroup = false
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "ecm-editor", path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return nil
        }
        guard process.terminationStatus == 0 else { return nil }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }
}
