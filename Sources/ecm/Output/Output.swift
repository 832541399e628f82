import ECMDomain
import Foundation

/// Everything `ecm` prints goes through here: JSON bodies, tables, errors.
enum Output {
    static func json(_ value: some JSONWritable) {
        FileHandle.standardOutput.write(ECMJSON.encode(value, pretty: true))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func line(_ text: String = "") {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Reports a backend error as the API would (`--json`) or as lines on stderr.
    static func error(_ error: BackendError, json: Bool) {
        if json {
            Output.json(ErrorsBody(error.messages))
        } else {
            for message in error.messages { standardError("ecm: \(TerminalSafe.line(message))") }
        }
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// Columns of the terminal on stdout, or a wide default for pipes.
    static var terminalWidth: Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return columns
        }
        return 120
    }
}
