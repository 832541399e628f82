import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn`, in place of Foundation's `Process`.
///
/// Foundation's `Process.run()` on Linux (Swift 6.3.1) reads `/proc/self/fd` to close the
/// parent's descriptors in the child and copies each `dirent` whole, reading past glibc's buffer:
/// an intermittent SIGSEGV in whichever thread spawns at that moment (swift-corelibs-foundation
/// PR #5472; seen here in a test run). It also always gives the child a process group of its own,
/// which leaves a terminal program (`$EDITOR`) in the terminal's background, unable to use it.
/// This spawns without that scan: the child's standard streams are set with `dup2` and every
/// other descriptor is closed with `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34), so no
/// pipe, socket or database file leaks into a child; it starts with no signal blocked and default
/// handlers. The subset of `Process` that ecm and its tests use, under the same names.
public final class ChildProcess: @unchecked Sendable {
    public var executableURL: URL?
    public var arguments: [String] = []
    /// The child's whole environment; the parent's when nil.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    /// `Pipe`, `FileHandle`, or nil for the parent's own stream.
    public var standardInput: Any?
    public var standardOutput: Any?
    public var standardError: Any?
    /// A process group of its own (as Foundation does; a ^C in the terminal then reaches only the
    /// parent), or the parent's: a program that uses the terminal must stay in its foreground.
    public var ownProcessGroup = true

    private let lock = NSLock()
    private var pid: pid_t = 0
    private var status: (code: Int32, signalled: Bool)?

    public init() {}

    public var processIdentifier: Int32 { lock.withLock { pid } }

    public func run() throws {
        guard let executable = executableURL?.path else { throw SpawnFailed(description: "no executable") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The child's ends of pipes, closed here once it has them.
        var childEnds: [FileHandle] = []
        for (stream, target) in [(standardInput, STDIN_FILENO), (standardOutput, STDOUT_FILENO), (standardError, STDERR_FILENO)] {
            switch stream {
            case let pipe as Pipe:
                let end = target == STDIN_FILENO ? pipe.fileHandleForReading : pipe.fileHandleForWriting
                posix_spawn_file_actions_adddup2(&actions, end.fileDescriptor, target)
                childEnds.append(end)
            case let handle as FileHandle:
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
            default:
                break
            }
        }
        try Self.closeFrom(&actions, 3)
        if let directory = currentDirectoryURL?.path { try Self.changeDirectory(&actions, directory) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // No signal blocked and every handler the default, as a shell starts a program: the test
        // runner's blocked signals would make a server ignore SIGTERM (tmux's kill-server).
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16((ownProcessGroup ? POSIX_SPAWN_SETPGROUP : 0) | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let environment = (self.environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, environment)
        guard result == 0 else { throw SpawnFailed(description: "\(executable): \(String(cString: strerror(result)))") }
        lock.withLock { pid = child }
        for end in childEnds { try? end.close() }
    }

    public var isRunning: Bool {
        lock.withLock {
            guard pid > 0, status == nil else { return false }
            var raw: Int32 = 0
            let reaped = waitpid(pid, &raw, WNOHANG)
            if reaped == pid { status = Self.decode(raw) }
            return status == nil
        }
    }

    /// Blocks until the child exits.
    public func waitUntilExit() {
        let child = lock.withLock { status == nil ? pid : 0 }
        guard child > 0 else { return }
        var raw: Int32 = 0
        var reaped: pid_t
        repeat { reaped = waitpid(child, &raw, 0) } while reaped == -1 && errno == EINTR
        lock.withLock {
            // Another thread may have reaped it first (isRunning); its status stands.
            if status == nil { status = reaped == child ? Self.decode(raw) : (-1, false) }
        }
    }

    /// The exit code, or the signal that ended it (as Foundation reports it).
    public var terminationStatus: Int32 { lock.withLock { status.map { $0.code } ?? -1 } }
    /// Whether it exited or a signal ended it.
    public var endedBySignal: Bool { lock.withLock { status?.signalled ?? false } }

    public func terminate() {
        let child = processIdentifier
        if child > 0 && isRunning { kill(child, SIGTERM) }
    }

    private static func decode(_ raw: Int32) -> (code: Int32, signalled: Bool) {
        let signal = raw & 0x7f
        return signal == 0 ? ((raw >> 8) & 0xff, false) : (signal, true)
    }

    // glibc declares these only under _GNU_SOURCE, which Swift's Glibc module is not built with.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias ChangeDirectory = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let closeFromFunction = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: CloseFrom.self) }
    private static let changeDirectoryFunction = dlsym(nil, "posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: ChangeDirectory.self) }

    private static func closeFrom(_ actions: inout posix_spawn_file_actions_t, _ first: Int32) throws {
        guard let function = closeFromFunction else { throw SpawnFailed(description: "glibc without posix_spawn_file_actions_addclosefrom_np") }
        guard function(&actions, first) == 0 else { throw SpawnFailed(description: "posix_spawn_file_actions_addclosefrom_np failed") }
    }

    private static func changeDirectory(_ actions: inout posix_spawn_file_actions_t, _ path: String) throws {
        guard let function = changeDirectoryFunction else { throw SpawnFailed(description: "glibc without posix_spawn_file_actions_addchdir_np") }
        guard function(&actions, path) == 0 else { throw SpawnFailed(description: "posix_spawn_file_actions_addchdir_np failed") }
    }

    public struct SpawnFailed: Error, CustomStringConvertible {
        public let description: String
    }
}
