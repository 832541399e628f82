import ECMAuth
import ECMDomain
import Foundation
import GRDB

/// Sign-in on the SQLite store: accounts, sessions, and the failure counts that throttle guessing.
extension AppDatabase: CredentialStore {
    public func authenticate(token: String, policy: SessionPolicy, now: Timestamp) async throws(BackendError) -> TokenCheck {
        guard token.utf8.count <= APIToken.maximumLength else { return .unknown }
        let hash = APIToken.hash(token)
        let found = try readNow { db in
            try Row.fetchOne(db, cached: SignInSQL.tokenLookup, arguments: [hash], as: { row -> TokenRow? in
                // The index found the row by hash; compare the whole hash without early exit anyway.
                guard APIToken.constantTimeEqual(row[1], hash) else { return nil }
                return Self.tokenRow(row)
            }) ?? nil
        }
        guard let found else { return .unknown }
        let (check, touch) = found.check(policy: policy, now: now.milliseconds)
        if touch {
            try await write { db in try db.execute(cached: SignInSQL.touch, arguments: [now.milliseconds, found.tokenID]) }
        }
        return check
    }

    static func tokenRow(_ row: Row) -> TokenRow {
        TokenRow(
            tokenID: row[0], kind: row[2], expiresAt: row[3], createdAt: row[4], lastUsedAt: row[5], account: account(row, from: 6),
            disabled: (row[11] as Int64?) != nil)
    }

    /// An account from five columns of a row, `id, name, login, role, clinic_id`, from `first`.
    static func account(_ row: Row, from first: Int) -> Account {
        let role: String = row[first + 3]
        return Account(
            id: row[first], name: row[first + 1], login: row[first + 2], role: Role(rawValue: role) ?? .coordinator, clinicID: row[first + 4])
    }

    public func signIn(login: String, password: String, address: String, policy: SessionPolicy) async throws(BackendError) -> SessionGrant {
        try await SignIn.signIn(self, login: login, password: password, address: address, policy: policy)
    }

    public func endSession(token: String) async throws(BackendError) -> Bool {
        let hash = APIToken.hash(token)
        return try await write { db in
            try db.execute(
                cached: "UPDATE api_tokens SET revoked_at = ? WHERE token_sha256 = ? AND kind = 'session' AND revoked_at IS NULL",
                arguments: [Timestamp.now().milliseconds, hash])
            return db.changesCount > 0
        }
    }

    public func credential(login: String) async throws(BackendError) -> (account: Account, passwordHash: String?, disabled: Bool)? {
        try readNow { db in
            try Row.fetchOne(db, sql: SignInSQL.credential, arguments: [login]).map { row in
                (Self.account(row, from: 0), row[5], (row[6] as Int64?) != nil)
            }
        }
    }

    public func signInLock(keys: [String], now: Timestamp) async throws(BackendError) -> Timestamp? {
        try readNow { db in
            let placeholders = keys.map { _ in "?" }.joined(separator: ", ")
            let until = try Int64.fetchOne(
                db, sql: "SELECT MAX(locked_until) FROM sign_in_failures WHERE key IN (\(placeholders)) AND locked_until > ?",
                arguments: StatementArguments(keys) + [now.milliseconds])
            return until.map(Timestamp.init(milliseconds:))
        }
    }

    public func recordSignInFailure(keys: [String], now: Timestamp) async throws(BackendError) {
        try await write { db in
            for key in keys {
                let previous = try Row.fetchOne(db, sql: "SELECT failures, last_failure_at FROM sign_in_failures WHERE key = ?", arguments: [key])
                let failures = SignInThrottle.failures(
                    after: previous?["failures"] ?? 0, lastFailureAt: previous?["last_failure_at"], now: now.milliseconds)
                try db.execute(
                    sql: "INSERT OR REPLACE INTO sign_in_failures (key, failures, last_failure_at, locked_until) VALUES (?, ?, ?, ?)",
                    arguments: [key, failures, now.milliseconds, SignInThrottle.lockedUntil(failures: failures, now: now.milliseconds)])
            }
        }
    }

    public func clearSignInFailures(keys: [String]) async throws(BackendError) {
        try await write { db in
            for key in keys { try db.execute(sql: "DELETE FROM sign_in_failures WHERE key = ?", arguments: [key]) }
        }
    }

    public func createSession(userID: Int64, tokenHash: [UInt8], expiresAt: Timestamp, now: Timestamp) async throws(BackendError) {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO api_tokens (user_id, token_sha256, created_at, kind, expires_at, last_used_at)
                    VALUES (?, ?, ?, 'session', ?, ?)
                    """,
                arguments: [userID, Data(tokenHash), now.milliseconds, expiresAt.milliseconds, now.milliseconds])
        }
    }

    public func configureAccount(userID: Int64, login: String?, role: Role?) async throws(BackendError) -> Account {
        let login = login.map(LoginName.normalized)
        if let login, !LoginName.isValid(login) { throw .validation([LoginName.invalidMessage]) }
        return try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) != nil else {
                throw BackendError.validation(["User must exist"])
            }
            if let login {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE login = ? AND id <> ?", arguments: [login, userID]) != nil {
                    throw BackendError.validation([LoginName.takenMessage])
                }
                try db.execute(sql: "UPDATE users SET login = ? WHERE id = ?", arguments: [login, userID])
            }
            if let role { try db.execute(sql: "UPDATE users SET role = ? WHERE id = ?", arguments: [role.rawValue, userID]) }
            guard let row = try Row.fetchOne(db, sql: SignInSQL.account, arguments: [userID]) else {
                throw BackendError.validation(["User must exist"])
            }
            return Self.account(row, from: 0)
        }
    }

    public func setPasswordHash(userID: Int64, hash: String) async throws(BackendError) {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) != nil else {
                throw BackendError.validation(["User must exist"])
            }
            let now = Timestamp.now().milliseconds
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, userID])
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND kind = 'session' AND revoked_at IS NULL",
                arguments: [now, userID])
        }
    }

    public func disableUser(id: Int64) async throws(BackendError) {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [id]) != nil else {
                throw BackendError.validation(["User must exist"])
            }
            let now = Timestamp.now().milliseconds
            try db.execute(sql: "UPDATE users SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?", arguments: [now, id])
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", arguments: [now, id])
        }
    }
}

/// Clinics in the SQLite store: the ids are checked here (the column cannot carry a foreign key).
extension AppDatabase {
    public func addClinic(name: String) async throws(BackendError) -> Int64 {
        let name = try SetupRules.name(name)
        return try await write { db in
            try db.execute(sql: "INSERT INTO clinics (name, created_at) VALUES (?, ?)", arguments: [name, Timestamp.now().milliseconds])
            return db.lastInsertedRowID
        }
    }

    public func clinicExists(id: Int64) async throws(BackendError) -> Bool {
        try readNow { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM clinics WHERE id = ?", arguments: [id]) != nil }
    }

    public func moveToClinic(_ table: ClinicMember, id: Int64, clinicID: Int64) async throws(BackendError) {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM clinics WHERE id = ?", arguments: [clinicID]) != nil else {
                throw BackendError.validation(["Clinic must exist"])
            }
            try db.execute(sql: "UPDATE \(table.rawValue) SET clinic_id = ? WHERE id = ?", arguments: [clinicID, id])
            if db.changesCount == 0 { throw BackendError.validation(["\(table.noun) must exist"]) }
        }
    }
}
