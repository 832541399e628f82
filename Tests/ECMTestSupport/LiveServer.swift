import Foundation

/// A real `ecm-server serve` on 127.0.0.1 with a free port, started as a subprocess.
public final class LiveServer: @unchecked Sendable {
    public let process: Process
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }
    private let stderr: Pipe

    /// Starts the server on `database` and waits until it prints `listening on http://…`.
    public init(database: String, extraArguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: Command.productsFolder + "/ecm-server")
        process.arguments = ["serve", "--db", database, "--port", "0", "--log-level", "warning"] + extraArguments
        let stdout = Pipe()
        stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        var buffer = ""
        let deadline = Date().addingTimeInterval(20)
        var found: Int?
        while found == nil, Date() < deadline, process.isRunning {
            let data = stdout.fileHandleForReading.availableData
            if data.isEmpty { usleep(10_000); continue }
            buffer += String(decoding: data, as: UTF8.self)
            if let line = buffer.split(separator: "\n").first(where: { $0.hasPrefix("listening on http://") }),
                let port = Int(line.split(separator: ":").last ?? "")
            {
                found = port
            }
        }
        guard let found else {
            process.terminate()
            throw ServerError.didNotStart(buffer)
        }
        port = found
    }

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

    deinit { if process.isRunning { process.terminate() } }
}
