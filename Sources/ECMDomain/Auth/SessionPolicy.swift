/// How long a signed-in session lasts: it ends after `idleTimeout` without a request, and in
/// any case `lifetime` after sign-in (`serve --session-idle-timeout`, `--session-lifetime`).
public struct SessionPolicy: Sendable, Hashable {
    public var idleTimeoutMilliseconds: Int64
    public var lifetimeMilliseconds: Int64

    public init(idleTimeoutMilliseconds: Int64 = 15 * 60_000, lifetimeMilliseconds: Int64 = 12 * 3_600_000) {
        self.idleTimeoutMilliseconds = idleTimeoutMilliseconds
        self.lifetimeMilliseconds = lifetimeMilliseconds
    }

    /// A session's last use is written at most this often, or a quarter of the idle timeout if
    /// shorter (a write per request would cost the API its read throughput): a session idles
    /// out between `idleTimeout` and that plus this.
    public static let touchIntervalMilliseconds: Int64 = 30_000
}

/// What a token presented with a request is.
public enum TokenCheck: Sendable, Hashable {
    case valid(Account)
    /// A session past its idle time or lifetime, or an API token past its `--expires`.
    case expired
    /// Unknown, revoked, or its user disabled.
    case unknown
}

/// A new session: its token (shown once), when it ends at the latest, and who it is.
public struct SessionGrant: Sendable, Hashable {
    public let token: String
    public let expiresAt: Timestamp
    public let account: Account

    public init(token: String, expiresAt: Timestamp, account: Account) {
        self.token = token
        self.expiresAt = expiresAt
        self.account = account
    }
}

extension SessionGrant: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("token", token)
            writer.member("expires_at", expiresAt)
            writer.member("user", account)
        }
    }
}

/// `{"session": {"token", "expires_at", "user"}}`: the answer to a sign-in.
public struct SessionBody: JSONWritable, Sendable {
    public let session: SessionGrant
    public init(_ session: SessionGrant) { self.session = session }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("session", session) }
    }
}
