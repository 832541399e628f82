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

/// Runs a program to its end the way a shell would, not the way `Foundation.Process` does: the
/// child starts with no signals blocked and default handlers, and with none of this process's
/// file descriptors but stdin (`/dev/null`), stdout and stderr. The tmux server outlives the
/// command that starts it: with the test runner's blocked signals it would ignore `kill-server`
/// (it stops itself with SIGTERM), and holding another test's pipe it would hang that test.
enum Spawn {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw Failure(description: "pipe: \(errno)") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        closeFrom(3, &actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        defer {
            close(outPipe[0])
            close(errPipe[0])
        }
        guard spawned == 0 else { throw Failure(description: "posix_spawn \(arguments): \(spawned)") }

        // stderr is read on the side so that neither pipe can fill up and stall the child.
        let errors = ErrorReader(errPipe[0])
        let output = readAll(outPipe[0])
        errors.wait()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitStatus, String(decoding: output, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
    }

    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), which Swift does not import;
    /// else every descriptor open now.
    private static func closeFrom(_ lowest: Int32, _ actions: inout posix_spawn_file_actions_t) {
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, lowest)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in open.compactMap(Int32.init) where fd >= lowest {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
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
