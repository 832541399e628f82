import ECMProcess
import Foundation

/// Writes each message as `<activity>-<hash>.eml` in a directory (demo, development): written
/// whole to a temporary name, then renamed, so a reader never sees half a message.
public struct FileTransport: MailTransport {
    public let directory: String

    public init(directory: String) throws(MailSetupError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw MailSetupError("--mail-transport: cannot create \(directory)")
        }
        self.directory = directory
    }

    public var description: String { "file://\(directory)" }

    public func send(_ message: MailMessage) async throws(MailError) {
        let name = message.messageID.filter { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" } + ".eml"
        let path = (directory as NSString).appendingPathComponent(name)
        let temporary = path + ".part"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(message.bytes), attributes: [.posixPermissions: 0o600]),
            rename(temporary, path) == 0
        else { throw .transient("could not write \(path)") }
    }
}

/// Hands each message to the local MTA: `sendmail -t -oi`, the message on standard input.
/// Exit 75 (EX_TEMPFAIL) means try again later; another failure is permanent.
public struct SendmailTransport: MailTransport {
    public let path: String
    public var description: String { "sendmail://\(path)" }

    public func send(_ message: MailMessage) async throws(MailError) {
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-t", "-oi", "-f", message.from.address]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: Data(message.bytes))
            try input.fileHandleForWriting.close()
        } catch {
            throw .transient("could not run \(path)")
        }
        let status = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
        switch status {
        case 0: return
        case 75: throw .transient("\(path) asked to try again later (exit 75)")
        default: throw .permanent("\(path) refused the message (exit \(status))")
        }
    }
}
