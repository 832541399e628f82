import Foundation

/// Why a try failed, and whether another try can help.
public enum MailError: Error, Sendable, Hashable {
    /// Connection errors, timeouts, SMTP 4xx, an MTA asking to retry, an attachment that could
    /// not be fetched: tried again later.
    case transient(String)
    /// SMTP 5xx, an address the server rejects: failed at once.
    case permanent(String)

    public var message: String {
        switch self {
        case .transient(let text), .permanent(let text): text
        }
    }
}

/// Where messages leave: SMTP submission, the local MTA, or files.
public protocol MailTransport: Sendable {
    /// What it is, without secrets, for logs and `/health`.
    var description: String { get }
    /// Hands one message over; returns when the other side has taken it.
    func send(_ message: MailMessage) async throws(MailError)
}

/// `--mail-transport` and its companions, parsed and checked: a transport to build, or a
/// one-line reason it cannot be.
public struct MailTransportOptions: Sendable {
    public var url: String
    public var passwordFile: String?
    public var caFile: String?

    public init(url: String, passwordFile: String? = nil, caFile: String? = nil) {
        self.url = url
        self.passwordFile = passwordFile
        self.caFile = caFile
    }

    /// The transport the URL names: `smtp://USER@HOST:587` (STARTTLS required), `smtps://USER@HOST:465`,
    /// `sendmail:///usr/sbin/sendmail`, `file:///DIRECTORY`.
    public func makeTransport() throws(MailSetupError) -> any MailTransport {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw MailSetupError("--mail-transport: not a URL: use smtp://USER@HOST:587, smtps://USER@HOST:465, sendmail:///usr/sbin/sendmail or file:///DIRECTORY")
        }
        switch scheme {
        case "smtp", "smtps":
            guard let host = components.host, !host.isEmpty else { throw MailSetupError("--mail-transport: the URL names no host") }
            if components.password != nil {
                throw MailSetupError("--mail-transport: put the password in a file (--mail-password-file, mode 600), not in the URL")
            }
            let password = try passwordFile.map { path throws(MailSetupError) in try Self.readSecret(path) }
            if components.user != nil, password == nil {
                throw MailSetupError("--mail-transport names a user: give its password with --mail-password-file")
            }
            if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
                throw MailSetupError("--mail-ca-file: cannot read \(caFile)")
            }
            return SMTPTransport(
                implicitTLS: scheme == "smtps", host: host, port: components.port ?? (scheme == "smtps" ? 465 : 587),
                user: components.user?.removingPercentEncoding, password: password, caFile: caFile)
        case "file":
            guard !components.path.isEmpty else { throw MailSetupError("--mail-transport: file:///DIRECTORY names no directory") }
            return try FileTransport(directory: components.path)
        case "sendmail":
            let path = components.path.isEmpty ? "/usr/sbin/sendmail" : components.path
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw MailSetupError("--mail-transport: \(path) is not an executable sendmail")
            }
            return SendmailTransport(path: path)
        default:
            throw MailSetupError("--mail-transport: unknown scheme \(scheme): use smtp, smtps, sendmail or file")
        }
    }

    /// A secret from a file that only its owner can read (mode 600 or stricter), without its final line break.
    static func readSecret(_ path: String) throws(MailSetupError) -> String {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
        else { throw MailSetupError("--mail-password-file: cannot read \(path)") }
        guard mode & 0o077 == 0 else {
            throw MailSetupError("--mail-password-file: \(path) is readable by others (mode \(String(mode & 0o777, radix: 8))): chmod 600 it")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw MailSetupError("--mail-password-file: cannot read \(path)")
        }
        return text.hasSuffix("\r\n") ? String(text.dropLast(2)) : text.hasSuffix("\n") ? String(text.dropLast()) : text
    }
}

/// A transport that cannot be set up, in one line.
public struct MailSetupError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
