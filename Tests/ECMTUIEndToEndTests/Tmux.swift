import ECMTestSupport
import Foundation

/// A tmux server of its own (`-L <unique name>`, no configuration file) with one detached
/// session of a fixed size, running one shell command: keys go in with `send-keys`, the screen
/// comes out with `capture-pane -p`.
final class Tmux: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let socket: String
    static let session = "e2e"

    /// Starts the server and its session running `command` (through `/bin/sh -c`); when
    /// it ends the pane closes, so commands end in something that waits (`; sleep 600`).
    init(width: Int, height: Int, command: String) throws {
        socket = "ecm-e2e-" + UUID().uuidString.prefix(13).lowercased()
        try run(["-f", "/dev/null", "new-session", "-d", "-s", Self.session, "-x", String(width), "-y", String(height), command])
    }

    /// Ends the server and everything in it, and removes its socket (tmux leaves it behind).
    func kill() {
        _ = try? run(["kill-server"], check: false)
        let folder = (ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp") + "/tmux-\(getuid())"
        try? FileManager.default.removeItem(atPath: folder + "/" + socket)
    }

    /// Text typed exactly as given.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", Self.session, "-l", text])
    }

    /// Keys by tmux's names: `Enter`, `Escape`, `C-s`, `Tab`, or single characters.
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", Self.session] + keys)
    }

    /// The visible screen as text, one line per row.
    func capture(escapes: Bool = false) throws -> String {
        try run(["capture-pane", "-p", "-t", Self.session] + (escapes ? ["-e"] : []))
    }

    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", Self.session, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen every 50 ms until it contains every one of `texts`; returns that screen. The
    /// default wait is long because a loaded CI machine (every suite at once on two cores) took
    /// over 10 s to draw the first screen; a passing wait returns as soon as the text shows.
    @discardableResult
    func waitFor(_ texts: String..., timeout: Duration = .seconds(30)) async throws -> String {
        try await waitUntil(timeout: timeout, "\(texts)") { screen in texts.allSatisfy { screen.contains($0) } }
    }

    /// Polls the screen every 50 ms until `condition` holds; returns that screen.
    @discardableResult
    func waitUntil(timeout: Duration = .seconds(30), _ what: String, _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(screen)")
    }

    @discardableResult
    private func run(_ arguments: [String], check: Bool = true) throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        environment["SHELL"] = "/bin/sh"
        let result = try Spawn.run(["tmux", "-u", "-L", socket] + arguments, environment: environment)
        if check, result.status != 0 {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}

/// Runs a program to its end the way a shell would (`ChildProcess`: no signals blocked, default
/// handlers, none of this process's descriptors but stdin (`/dev/null`), stdout and stderr). The
/// tmux server outlives the command that starts it: with the test runner's blocked signals it
/// would ignore `kill-server`, and holding another test's pipe it would hang that test.
enum Spawn {
    static func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // stderr is read on the side so that neither pipe can fill up and stall the child.
        let errorReader = ErrorReader(errors.fileHandleForReading.fileDescriptor)
        let out = readAll(output.fileHandleForReading.fileDescriptor)
        errorReader.wait()
        process.waitUntilExit()
        let status = process.endedBySignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: out, as: UTF8.self), String(decoding: errorReader.data, as: UTF8.self))
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                data += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }

    private final class ErrorReader: @unchecked Sendable {
        private(set) var data: [UInt8] = []
        private let done = DispatchSemaphore(value: 0)
        init(_ fd: Int32) {
            Thread { [self] in
                data = Spawn.readAll(fd)
                done.signal()
            }.start()
        }
        func wait() { done.wait() }
    }
}

extension String {
    /// Quoted for `/bin/sh`.
    var shellQuoted: String { "'" + replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
