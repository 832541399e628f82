import ECMDomain
import GRDB

/// A clinic administrator's accounts on the SQLite store: each change and its audit row in one
/// transaction.
extension AppDatabase: AccountAdministration {
    public func accounts(clinicID: Int64, page: PageRequest) async throws(BackendError) -> Page<UserTokens> {
        try await read { db in
            let total = try Int.fetchOne(db, sql: SignInSQL.clinicAccountCount, arguments: [clinicID]) ?? 0
            let items = try Row.fetchAll(
                db, sql: SignInSQL.clinicAccounts, arguments: [Timestamp.now().milliseconds, clinicID, page.size, page.offset]
            ).map(Self.userTokens)
            return Page(items: items, pagination: Pagination(page: page.page, perPage: page.size, totalCount: total))
        }
    }

    public func account(id: Int64, clinicID: Int64) async throws(BackendError) -> UserTokens {
        try await read { db in try Self.account(db, id: id, clinicID: clinicID) }
    }

    public func createAccount(clinicID: Int64, _ change: AccountChange, audit: AuditEntry) async throws(BackendError) -> UserTokens {
        guard let name = change.name else { throw .validation([AccountRequest.blankNameMessage]) }
        return try await write { db in
            try Self.requireFreeLogin(db, change.login, except: nil)
            try db.execute(
                sql: "INSERT INTO users (name, name_key, created_at, clinic_id, role) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, SearchKey.fold(name), Timestamp.now().milliseconds, clinicID, (change.role ?? .coordinator).rawValue])
            let id = db.lastInsertedRowID
            try Self.apply(db, change, to: id)
            var entry = audit
            entry.resourceID = id
            try Self.appendAudit(db, [entry])
            return try Self.account(db, id: id, clinicID: clinicID)
        }
    }

    public func updateAccount(id: Int64, clinicID: Int64, _ change: AccountChange, audit: AuditEntry) async throws(BackendError) -> UserTokens {
        try await write { db in
            _ = try Self.account(db, id: id, clinicID: clinicID)
            try Self.requireFreeLogin(db, change.login, except: id)
            if let name = change.name {
                try db.execute(sql: "UPDATE users SET name = ?, name_key = ? WHERE id = ?", arguments: [name, SearchKey.fold(name), id])
            }
            if let role = change.role { try db.execute(sql: "UPDATE users SET role = ? WHERE id = ?", arguments: [role.rawValue, id]) }
            try Self.apply(db, change, to: id)
            try Self.appendAudit(db, [audit])
            return try Self.account(db, id: id, clinicID: clinicID)
        }
    }

    /// Login, password and the disabled mark, with what each ends.
    private static func apply(_ db: Database, _ change: AccountChange, to id: Int64) throws {
        let now = Timestamp.now().milliseconds
        if let login = change.login { try db.execute(sql: "UPDATE users SET login = ? WHERE id = ?", arguments: [login, id]) }
        if let hash = change.passwordHash {
            try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [hash, id])
            try db.execute(
                sql: "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND kind = 'session' AND revoked_at IS NULL", arguments: [now, id])
        }
        switch change.disabled {
        case true?:
            try db.execute(sql: "UPDATE users SET disabled_at = COALESCE(disabled_at, ?) WHERE id = ?", arguments: [now, id])
            try db.execute(sql: "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", arguments: [now, id])
        case false?: try db.execute(sql: "UPDATE users SET disabled_at = NULL WHERE id = ?", arguments: [id])
        case nil: break
        }
    }

    private static func requireFreeLogin(_ db: Database, _ login: String?, except id: Int64?) throws {
        guard let login else { return }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE login = ? AND id IS NOT ?", arguments: [login, id]) != nil {
            throw BackendError.validation([LoginName.takenMessage])
        }
    }

    private static func account(_ db: Database, id: Int64, clinicID: Int64) throws -> UserTokens {
        guard let row = try Row.fetchOne(db, sql: SignInSQL.clinicAccount, arguments: [Timestamp.now().milliseconds, id, clinicID]) else {
            throw BackendError.userNotFound
        }
        return userTokens(row)
    }

    /// A row of `SignInSQL.accountColumns`.
    static func userTokens(_ row: Row) -> UserTokens {
        let role: String = row[3]
        return UserTokens(
            user: User(id: row[0], name: row[1], clinicID: row[6]), activeTokens: row[5], login: row[2],
            role: Role(rawValue: role) ?? .coordinator, disabled: (row[4] as Int64?) != nil)
    }
}
