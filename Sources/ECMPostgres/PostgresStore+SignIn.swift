import ECMAuth
import ECMDomain
import Foundation
import PostgresNIO

/// Sign-in on the PostgreSQL store, as on SQLite (`AppDatabase+SignIn`): accounts, sessions,
/// and the failure counts that throttle guessing, shared by every server on the database.
extension PostgresStore: CredentialStore {
    public func authenticate(token: String, policy: SessionPolicy, now: Timestamp) async throws(BackendError) -> TokenCheck {
        guard token.utf8.count <= APIToken.maximumLength else { return .unknown }
        let hash = APIToken.hash(token)
        let logger = logger
        let found = try await read { connection -> TokenRow? in
            guard let row = try await connection.rows(Prepared.TokenUser(hash: hash), logger: logger).first else { return nil }
            // The index found the row by hash; compare the whole hash without early exit anyway.
            guard APIToken.constantTimeEqual(try row[1].decode(Data.self), hash) else { return nil }
            return TokenRow(
                tokenID: try row[0].decode(Int64.self), kind: try row[2].decode(String.self), expiresAt: try row[3].decode(Int64?.self),
                createdAt: try row[4].decode(Int64.self), lastUsedAt: try row[5].decode(Int64?.self),
                account: try Self.account(row, from: 6),
                disabled: try row[11].decode(Int64?.self) != nil)
        }
        guard let found else { return .unknown }
        let (check, touch) = found.check(policy: policy, now: now.milliseconds)
        if touch {
            let id = found.tokenID
            let at = now.milliseconds
            try await transaction { connection in
                try await connection.query("UPDATE api_tokens SET last_used_at = \(at) WHERE id = \(id)", logger: logger)
            }
        }
        return check
    }

    /// An account from five columns of a row, `id, name, login, role, clinic_id`, from `first`.
    static func account(_ row: PostgresRandomAccessRow, from first: Int) throws -> Account {
        Account(
            id: try row[first].decode(Int64.self), name: try row[first + 1].decode(String.self),
            login: try row[first + 2].decode(String?.self), role: Role(rawValue: try row[first + 3].decode(String.self)) ?? .coordinator,
            clinicID: try row[first + 4].decode(Int64.self))
    }

    static func textBinds(_ value: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(value)
        return bindings
    }

    public func signIn(login: String, password: String, address: String, policy: SessionPolicy) async throws(BackendError) -> SessionGrant {
        try await SignIn.signIn(self, login: login, password: password, address: address, policy: policy)
    }

    public func endSession(token: String) async throws(BackendError) -> Bool {
        let hash = APIToken.hash(token)
        let now = Timestamp.now().milliseconds
        let logger = logger
        return try await transaction { connection in
            try await !connection.rows(
                "UPDATE api_tokens SET revoked_at = \(now) WHERE token_sha256 = \(hash) AND kind = 'session' AND revoked_at IS NULL RETURNING id",
                logger: logger
            ).isEmpty
        }
    }

    public func credential(login: String) async throws(BackendError) -> (account: Account, passwordHash: String?, disabled: Bool)? {
        let logger = logger
        return try await read { connection -> (account: Account, passwordHash: String?, disabled: Bool)? in
            guard let row = try await connection.row(
                PostgresQuery(unsafeSQL: SignInSQL.credential.replacingOccurrences(of: "?", with: "$1"), binds: Self.textBinds(login)),
                logger: logger)
            else { return nil }
            return (try Self.account(row, from: 0), try row[5].decode(String?.self), try row[6].decode(Int64?.self) != nil)
        }
    }

    public func signInLock(keys: [String], now: Timestamp) async throws(BackendError) -> Timestamp? {
        let logger = logger
        let at = now.milliseconds
        return try await read { connection in
            try await connection.value(
                Int64?.self, "SELECT MAX(locked_until) FROM sign_in_failures WHERE key = ANY(\(keys)) AND locked_until > \(at)",
                logger: logger
            ).flatMap { $0 }.map(Timestamp.init(milliseconds:))
        }
    }

    public func recordSignInFailure(keys: [String], now: Timestamp) async throws(BackendError) {
        let logger = logger
        let at = now.milliseconds
        try await transaction { connection in
            for key in keys {
                let previous = try await connection.row(
                    "SELECT failures, last_failure_at FROM sign_in_failures WHERE key = \(key) FOR UPDATE", logger: logger)
                let failures = SignInThrottle.failures(
                    after: Int(try previous?[0].decode(Int32.self) ?? 0), lastFailureAt: try previous?[1].decode(Int64.self), now: at)
                let count = Int32(failures)
                let until = SignInThrottle.lockedUntil(failures: failures, now: at)
                try await connection.query(
                    """
                    INSERT INTO sign_in_failures (key, failures, last_failure_at, locked_until) VALUES (\(key), \(count), \(at), \(until))
                    ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, last_failure_at = EXCLUDED.last_failure_at,
                      locked_until = EXCLUDED.locked_until
                    """, logger: logger)
            }
        }
    }

    public func clearSignInFailures(keys: [String]) async throws(BackendError) {
        let logger = logger
        try await transaction { connection in
            try await connection.query("DELETE FROM sign_in_failures WHERE key = ANY(\(keys))", logger: logger)
        }
    }

    public func createSession(userID: Int64, tokenHash: [UInt8], expiresAt: Timestamp, now: Timestamp) async throws(BackendError) {
        let logger = logger
        let hash = Data(tokenHash)
        let until = expiresAt.milliseconds
        let at = now.milliseconds
        try await transaction { connection in
            try await connection.query(
                """
                INSERT INTO api_tokens (user_id, token_sha256, created_at, kind, expires_at, last_used_at)
                VALUES (\(userID), \(hash), \(at), 'session', \(until), \(at))
                """, logger: logger)
        }
    }

    public func configureAccount(userID: Int64, login: String?, role: Role?) async throws(BackendError) -> Account {
        let login = login.map(LoginName.normalized)
        if let login, !LoginName.isValid(login) { throw .validation([LoginName.invalidMessage]) }
        let logger = logger
        let roleText = role?.rawValue
        return try await transaction { connection in
            try await Self.requireUser(connection, id: userID, logger: logger)
            if let login {
                if try await connection.exists("SELECT 1 FROM users WHERE login = \(login) AND id <> \(userID)", logger: logger) {
                    throw BackendError.validation([LoginName.takenMessage])
                }
                try await connection.query("UPDATE users SET login = \(login) WHERE id = \(userID)", logger: logger)
            }
            if let roleText { try await connection.query("UPDATE users SET role = \(roleText) WHERE id = \(userID)", logger: logger) }
            guard let row = try await connection.row(
                PostgresQuery(unsafeSQL: SignInSQL.account.replacingOccurrences(of: "?", with: "$1"), binds: PostgresBackend.binds(userID)),
                logger: logger)
            else {
                throw BackendError.validation(["User must exist"])
            }
            return try Self.account(row, from: 0)
        }
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws(BackendError) {
        let logger = logger
        let now = Timestamp.now().milliseconds
        try await transaction { connection in
            try await Self.requireUser(connection, id: userID, logger: logger)
            try await connection.query("UPDATE users SET password_hash = \(hash) WHERE id = \(userID)", logger: logger)
            try await connection.query(
                "UPDATE api_tokens SET revoked_at = \(now) WHERE user_id = \(userID) AND kind = 'session' AND revoked_at IS NULL",
                logger: logger)
        }
    }

    public func disableUser(id: Int64) async throws(BackendError) {
        let logger = logger
        let now = Timestamp.now().milliseconds
        try await transaction { connection in
            try await Self.requireUser(connection, id: id, logger: logger)
            try await connection.query("UPDATE users SET disabled_at = COALESCE(disabled_at, \(now)) WHERE id = \(id)", logger: logger)
            try await connection.query(
                "UPDATE api_tokens SET revoked_at = \(now) WHERE user_id = \(id) AND revoked_at IS NULL", logger: logger)
        }
    }
}

/// Clinics in the PostgreSQL store.
extension PostgresStore {
    public func addClinic(name: String) async throws(BackendError) -> Int64 {
        let name = try SetupRules.name(name)
        let logger = logger
        let now = Timestamp.now().milliseconds
        return try await transaction { connection in
            guard let id = try await connection.value(
                Int64.self, "INSERT INTO clinics (name, created_at) VALUES (\(name), \(now)) RETURNING id", logger: logger)
            else { throw BackendError.unavailable(BackendError.serviceUnavailableMessage) }
            return id
        }
    }

    public func clinicExists(id: Int64) async throws(BackendError) -> Bool {
        let logger = logger
        return try await read { connection in try await connection.exists("SELECT 1 FROM clinics WHERE id = \(id)", logger: logger) }
    }

    public func moveToClinic(_ table: ClinicMember, id: Int64, clinicID: Int64) async throws(BackendError) {
        let logger = logger
        try await transaction { connection in
            guard try await connection.exists("SELECT 1 FROM clinics WHERE id = \(clinicID)", logger: logger) else {
                throw BackendError.validation(["Clinic must exist"])
            }
            let moved = try await connection.rows(
                PostgresQuery(unsafeSQL: "UPDATE \(table.rawValue) SET clinic_id = $1 WHERE id = $2 RETURNING id", binds: PostgresBackend.binds(clinicID, id)),
                logger: logger)
            if moved.isEmpty { throw BackendError.validation(["\(table.noun) must exist"]) }
        }
    }
}
