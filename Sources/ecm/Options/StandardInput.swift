import ECMDomain
import Foundation

/// Text piped to `ecm` (a comment's `--body -`).
enum StandardInput {
    /// All of stdin as UTF-8, without the line ending a pipe or heredoc adds at the end.
    static func text() throws(BackendError) -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard var text = String(data: data, encoding: .utf8) else {
            throw .badRequest("The text on stdin is not UTF-8")
        }
        // "\r\n" is one Character, so this drops either ending whole.
        if text.last?.isNewline == true { text.removeLast() }
        return text
    }
}
