import ECMDomain
import Logging
import PostgresNIO

/// A clinic administrator's accounts on PostgreSQL: each change and its audit row in one
/// transaction (the row queued, then sealed into the chain after commit).
extension PostgresStore: AccountAdministration {
    public func accounts(clinicID: Int64, page: PageRequest) async throws(BackendError) -> Page<UserTokens> {
        let logger = logger
        let now = Timestamp.now().milliseconds
        return try await read { connection in
            let total = try await connection.value(Int64.self, "SELECT COUNT(*) FROM users WHERE clinic_id = \(clinicID)", logger: logger) ?? 0
            var query = SQLBuilder()
            query.sql = query.numbered(SignInSQL.clinicAccounts, now, clinicID, Int64(page.size), Int64(page.offset))
            let items = try await connection.rows(query.query, logger: logger).map(Self.userTokens)
            return Page(items: items, pagination: Pagination(page: page.page, perPage: page.size, totalCount: Int(total)))
        }
    }

    public func account(id: Int64, clinicID: Int64) async throws(BackendError) -> UserTokens {
        let logger = logger
        return try await read { connection in try await Self.account(connection, id: id, clinicID: clinicID, logger: logger) }
    }

    public func createAccount(clinicID: Int64, _ change: AccountChange, audit: AuditEntry) async throws(BackendError) -> UserTokens {
        guard let name = change.name else { throw .validation([AccountRequest.blankNameMessage]) }
        let logger = logger
        let now = Timestamp.now().milliseconds
        let role = (change.role ?? .coordinator).rawValue
        let created = try await transaction { connection in
            try await Self.requireFreeLogin(connection, change.login, except: nil, logger: logger)
            guard let id = try await connection.value(
                Int64.self,
                """
                INSERT INTO users (name, name_key, created_at, clinic_id, role)
                VALUES (\(name), \(SearchKey.fold(name)), \(now), \(clinicID), \(role)) RETURNING id
                """, logger: logger)
            else { throw BackendError.unavailable(BackendError.serviceUnavailableMessage) }
            try await Self.apply(connection, change, to: id, logger: logger)
            var entry = audit
            entry.resourceID = id
            try await Self.queueAudit(connection, entry, logger: logger)
            return try await Self.account(connection, id: id, clinicID: clinicID, logger: logger)
        }
        sealAuditSoon()
        return created
    }

    public func updateAccount(id: Int64, clinicID: Int64, _ change: AccountChange, audit: AuditEntry) async throws(BackendError) -> UserTokens {
        let logger = logger
        let updated = try await transaction { connection in
            _ = try await Self.account(connection, id: id, clinicID: clinicID, logger: logger)
            try await Self.requireFreeLogin(connection, change.login, except: id, logger: logger)
            if let name = change.name {
                try await connection.query("UPDATE users SET name = \(name), name_key = \(SearchKey.fold(name)) WHERE id = \(id)", logger: logger)
            }
            if let role = change.role?.rawValue {
                try await connection.query("UPDATE users SET role = \(role) WHERE id = \(id)", logger: logger)
            }
            try await Self.apply(connection, change, to: id, logger: logger)
            try await Self.queueAudit(connection, audit, logger: logger)
            return try await Self.account(connection, id: id, clinicID: clinicID, logger: logger)
        }
        sealAuditSoon()
        return updated
    }

    /// Login, password and the disabled mark, with what each ends.
    private static func apply(_ connection: PostgresConnection, _ change: AccountChange, to id: Int64, logger: Logger) async throws {
        let now = Timestamp.now().milliseconds
        if let login = change.login { try await connection.query("UPDATE users SET login = \(login) WHERE id = \(id)", logger: logger) }
        if let hash = change.passwordHash {
            try await connection.query("UPDATE users SET password_hash = \(hash) WHERE id = \(id)", logger: logger)
            try await connection.query(
                "UPDATE api_tokens SET revoked_at = \(now) WHERE user_id = \(id) AND kind = 'session' AND revoked_at IS NULL", logger: logger)
        }
        switch change.disabled {
        case true?:
            try await connection.query("UPDATE users SET disabled_at = COALESCE(disabled_at, \(now)) WHERE id = \(id)", logger: logger)
            try await connection.query("UPDATE api_tokens SET revoked_at = \(now) WHERE user_id = \(id) AND revoked_at IS NULL", logger: logger)
        case false?: try await connection.query("UPDATE users SET disabled_at = NULL WHERE id = \(id)", logger: logger)
        case nil: break
        }
    }

    /// `Login has already been taken`; logins being set are taken in turn (a transaction lock),
    /// so two administrators giving out one login at once get one 422, not a unique violation.
    private static func requireFreeLogin(_ connection: PostgresConnection, _ login: String?, except id: Int64?, logger: Logger) async throws {
        guard let login else { return }
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext('ecm.users.login'))", logger: logger)
        let other = id ?? 0
        if try await connection.exists("SELECT 1 FROM users WHERE login = \(login) AND id <> \(other)", logger: logger) {
            throw BackendError.validation([LoginName.takenMessage])
        }
    }

    private static func account(_ connection: PostgresConnection, id: Int64, clinicID: Int64, logger: Logger) async throws -> UserTokens {
        var query = SQLBuilder()
        query.sql = query.numbered(SignInSQL.clinicAccount, Timestamp.now().milliseconds, id, clinicID)
        guard let row = try await connection.row(query.query, logger: logger) else { throw BackendError.userNotFound }
        return try userTokens(row)
    }

    /// A row of `SignInSQL.accountColumns`.
    static func userTokens(_ row: PostgresRandomAccessRow) throws -> UserTokens {
        UserTokens(
            user: User(id: try row[0].decode(Int64.self), name: try row[1].decode(String.self), clinicID: try row[6].decode(Int64.self)),
            activeTokens: Int(try row[5].decode(Int64.self)), login: try row[2].decode(String?.self),
            role: Role(rawValue: try row[3].decode(String.self)) ?? .coordinator, disabled: try row[4].decode(Int64?.self) != nil)
    }
}
