import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a password: from the terminal without echo (the prompt on stderr, so stdout stays the
/// command's answer), or the first line of stdin when it is not a terminal (scripts). Never
/// echoed, logged or kept beyond the call.
public enum PasswordPrompt {
    public enum Failure: Error, Equatable { case noInput, mismatch }

    /// `confirm` asks twice on a terminal and fails with `.mismatch` when they differ.
    public static func read(prompt: String = "Password: ", confirm: Bool = false) throws(Failure) -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = Swift.readLine(strippingNewline: true) else { throw .noInput }
            return line
        }
        let first = try readHidden(prompt)
        if confirm, try readHidden("Again: ") != first { throw .mismatch }
        return first
    }

    private static func readHidden(_ prompt: String) throws(Failure) -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        guard let line = Swift.readLine(strippingNewline: true) else { throw .noInput }
        return line
    }
}
