import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real `ecm-server serve` on 127.0.0.1 with a free port, started as a subprocess.
public final class LiveServer: @unchecked Sendable {
    public let process: ChildProcess
    public let port: Int
    /// `http`, or `https` when started with `--tls-cert`.
    public let scheme: String
    public var url: String { "\(scheme)://127.0.0.1:\(port)" }
    private let stderr: Pipe

    /// Starts the server on `database` and waits until it prints `listening on http://…`.
    /// `port` 0 picks a free one; `fileLimit` runs it under `prlimit --nofile` (soft and hard,
    /// unless `hardFileLimit` is given).
    public init(
        database: String, extraArguments: [String] = [], port: Int = 0, fileLimit: Int? = nil, hardFileLimit: Int? = nil
    ) throws {
        process = ChildProcess()
        let server = Command.productsFolder + "/ecm-server"
        let arguments = ["serve", "--db", database, "--port", String(port), "--log-level", "warning"] + extraArguments
        if let fileLimit {
            // prlimit execs the server, so the process id stays the server's.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/prlimit")
            process.arguments = ["--nofile=\(fileLimit):\(hardFileLimit ?? fileLimit)", "--", server] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: server)
            process.arguments = arguments
        }
        let stdout = Pipe()
        stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let (line, buffer) = stdout.waitForLine(startingWith: "listening on ", while: process)
        guard let found = line.flatMap({ Int($0.split(separator: ":").last ?? "") }) else {
            process.terminate()
            process.waitUntilExit()
            let log = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw ServerError.didNotStart(buffer + log)
        }
        self.port = found
        scheme = line?.hasPrefix("https://") == true ? "https" : "http"
    }

    /// Sends a signal (SIGHUP: read the TLS certificate again).
    public func signal(_ number: Int32) {
        if process.isRunning { Glibc.kill(process.processIdentifier, number) }
    }

    /// The server exited (or never said it was listening); its output and log.
    public enum ServerError: Error { case didNotStart(String) }

    /// Sends SIGTERM and waits; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Kills the server at once (SIGKILL), as a crash would, and waits for it.
    public func kill() {
        if process.isRunning {
            Glibc.kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Stops the server (SIGTERM) and returns what it logged to stderr.
    public func stopAndReadLog() -> String {
        stop()
        return String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    /// CPU time the server has used so far (user + system), from /proc.
    public func cpuTime() -> Duration? {
        guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8),
            let end = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command name: state is field 3; utime and stime are fields 14 and 15.
        let fields = stat[stat.index(after: end)...].split(separator: " ")
        guard fields.count > 13, let user = Int64(fields[11]), let system = Int64(fields[12]) else { return nil }
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return .milliseconds((user + system) * 1000 / Int64(ticks))
    }

    deinit { if process.isRunning { process.terminate() } }
}
