/// The sign-in SQL both stores run alike (`?` placeholders; the PostgreSQL store numbers them).
public enum SignInSQL {
    /// A token by its hash (`?`), with its user: the columns `TokenRow` reads, in order.
    public static let tokenLookup = """
        SELECT t.id, t.token_sha256, t.kind, t.expires_at, t.created_at, t.last_used_at,
          u.id, u.name, u.login, u.role, u.clinic_id, u.disabled_at
        FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_sha256 = ? AND t.revoked_at IS NULL
        """

    /// A session used now (`?` the time, `?` the token's id).
    public static let touch = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?"

    /// An account by login (`?`): id, name, login, role, clinic_id, password_hash, disabled_at.
    public static let credential = "SELECT id, name, login, role, clinic_id, password_hash, disabled_at FROM users WHERE login = ?"

    /// An account by id (`?`), as `credential` begins.
    public static let account = "SELECT id, name, login, role, clinic_id FROM users WHERE id = ?"

    /// Every user with their active tokens and sessions (`?`: now, for tokens past their expiry).
    public static let usersWithTokens = accountColumns + " FROM users u ORDER BY u.id"

    /// A clinic's users by name (`?`: now, the clinic, the page's size and offset).
    public static let clinicAccounts = accountColumns + " FROM users u WHERE u.clinic_id = ? ORDER BY u.name_key, u.id LIMIT ? OFFSET ?"
    public static let clinicAccountCount = "SELECT COUNT(*) FROM users WHERE clinic_id = ?"
    /// One of a clinic's users (`?`: now, the user, the clinic).
    public static let clinicAccount = accountColumns + " FROM users u WHERE u.id = ? AND u.clinic_id = ?"

    /// `id, name, login, role, disabled_at, active tokens, clinic_id` (`?`: now).
    static let accountColumns = """
        SELECT u.id, u.name, u.login, u.role, u.disabled_at,
          (SELECT COUNT(*) FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL
             AND (t.expires_at IS NULL OR t.expires_at > ?)), u.clinic_id
        """
}

/// A token row as `SignInSQL.tokenLookup` reads it, and what it means now.
public struct TokenRow: Sendable {
    public var tokenID: Int64
    public var kind: String
    public var expiresAt: Int64?
    public var createdAt: Int64
    public var lastUsedAt: Int64?
    public var account: Account
    public var disabled: Bool

    public init(
        tokenID: Int64, kind: String, expiresAt: Int64?, createdAt: Int64, lastUsedAt: Int64?, account: Account, disabled: Bool
    ) {
        self.tokenID = tokenID
        self.kind = kind
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.account = account
        self.disabled = disabled
    }

    /// Whether it lets a request in at `now` under `policy`, and whether its last use should be
    /// written (a session not written for `touchInterval`).
    public func check(policy: SessionPolicy, now: Int64) -> (TokenCheck, touch: Bool) {
        if disabled { return (.unknown, false) }
        if let expiresAt, expiresAt <= now { return (.expired, false) }
        guard kind == "session" else { return (.valid(account), false) }
        if createdAt + policy.lifetimeMilliseconds <= now { return (.expired, false) }
        let lastUse = lastUsedAt ?? createdAt
        if lastUse + policy.idleTimeoutMilliseconds <= now { return (.expired, false) }
        let touchEvery = min(SessionPolicy.touchIntervalMilliseconds, policy.idleTimeoutMilliseconds / 4)
        return (.valid(account), now - lastUse >= touchEvery)
    }
}
