import ECMDomain
import Foundation

/// The API token for `--server`: `$ECM_TOKEN`, else the first line of
/// `$XDG_CONFIG_HOME/ecm/credentials` (`~/.config/ecm/credentials`), which must be private.
enum Credentials {
    static var path: String {
        let environment = ProcessInfo.processInfo.environment
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return configHome + "/ecm/credentials"
    }

    static func token() throws(BackendError) -> String {
        if let token = ProcessInfo.processInfo.environment["ECM_TOKEN"]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !token.isEmpty
        {
            return token
        }
        let path = self.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw refused("not signed in: run `ecm login`, or set ECM_TOKEN, or put an API token in \(path) (mode 600)")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o077 == 0 else {
            throw refused(
                "\(path) can be read by others (mode \(String(mode, radix: 8))): run `chmod 600 \(path)`; the token was not used")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let token = text.split(whereSeparator: \.isNewline).map({ $0.trimmingCharacters(in: .whitespaces) })
                .first(where: { !$0.isEmpty && !$0.hasPrefix("#") })
        else { throw refused("\(path) holds no token") }
        return token
    }

    /// Keeps a session token as the credentials file: created mode 600 (written to a new file
    /// of that mode, then renamed over any old one), its folder 700.
    static func save(token: String) throws(BackendError) {
        let path = self.path
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unavailable("Cannot create \(folder)")
        }
        let temporary = path + ".new-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .unavailable("Cannot write \(temporary)") }
        let bytes = Array((token + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw .unavailable("Cannot write \(path)")
        }
    }

    /// Removes the credentials file; whether there was one.
    @discardableResult
    static func remove() -> Bool { unlink(path) == 0 }

    private static func refused(_ reason: String) -> BackendError {
        Output.standardError("ecm: \(reason)")
        return .unauthorized
    }
}
