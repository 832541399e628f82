import ECMTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real SMTP server on 127.0.0.1 (aiosmtpd, `Support/smtp_server.py`) requiring STARTTLS and
/// AUTH, writing each accepted message to a directory as received.
final class SMTPTestServer: @unchecked Sendable {
    static let user = "care@clinic.example"
    static let password = "correct horse battery staple"

    enum Failure: Error { case didNotStart(String) }

    let process: ChildProcess
    let port: Int
    let inbox: String

    init(directory: TemporaryDirectory, certificates: TestCertificates, port: Int = 0, extraArguments: [String] = []) throws {
        inbox = directory.file("inbox-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("smtp_server.py").path
        process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", script, "--dir", inbox, "--cert", certificates.certificateFile, "--key", certificates.keyFile,
            "--user", Self.user, "--password", Self.password, "--port", String(port),
        ] + extraArguments
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        let (line, buffer) = stdout.waitForLine(startingWith: "ready ", while: process)
        guard let found = line.flatMap({ Int($0) }) else {
            process.terminate()
            throw Failure.didNotStart(buffer + " (is aiosmtpd installed? pip install aiosmtpd)")
        }
        self.port = found
    }

    deinit { stop() }

    /// Kills the server at once (SIGKILL: a child of the test runner may inherit a blocked SIGTERM).
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// The messages accepted so far, in order, as received.
    func messages() -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: inbox)) ?? []).filter { $0.hasSuffix(".eml") }.sorted()
        return names.compactMap { try? String(contentsOfFile: inbox + "/" + $0, encoding: .utf8) }
    }

    /// Waits up to `seconds` for at least `count` messages.
    func waitForMessages(_ count: Int, seconds: Double = 20) async throws -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        while messages().count < count, Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        return messages()
    }

    /// A password file for the client (mode 600).
    static func passwordFile(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("smtp-password")
        FileManager.default.createFile(atPath: path, contents: Data((password + "\n").utf8), attributes: [.posixPermissions: 0o600])
        return path
    }
}
