import ECMAuth
import ECMDomain
import Foundation
import PostgresNIO

/// The PostgreSQL database as the store of `ecm-server`: tokens, users and patients.
extension PostgresStore: ServerStore {
    public func backend(actingAs user: User, idempotent: IdempotentWrite?, audit: AuditContext?) -> any ActivityBackend {
        PostgresBackend(store: self, authenticated: user, idempotent: idempotent, audit: audit)
    }

    public func checkHealth() async throws(BackendError) {
        let logger = logger
        _ = try await read { connection in try await connection.value(Int32.self, "SELECT 1", logger: logger) }
    }

    public func issueToken(userID: Int64) async throws(BackendError) -> String { try await issueToken(userID: userID, expiresAt: nil) }

    public func issueToken(userID: Int64, expiresAt: Timestamp?) async throws(BackendError) -> String {
        let token = APIToken.generate()
        let hash = APIToken.hash(token)
        let logger = logger
        try await transaction { connection in
            try await Self.requireUser(connection, id: userID, logger: logger)
            try await connection.query(
                "INSERT INTO api_tokens (user_id, token_sha256, created_at, expires_at) VALUES (\(userID), \(hash), \(Timestamp.now().milliseconds), \(expiresAt?.milliseconds))",
                logger: logger)
        }
        return token
    }

    public func revokeTokens(userID: Int64) async throws(BackendError) -> Int {
        let logger = logger
        return try await transaction { connection in
            try await Self.requireUser(connection, id: userID, logger: logger)
            return try await connection.rows(
                "UPDATE api_tokens SET revoked_at = \(Timestamp.now().milliseconds) WHERE user_id = \(userID) AND revoked_at IS NULL RETURNING id",
                logger: logger
            ).count
        }
    }

    public func usersWithTokenCounts() async throws(BackendError) -> [UserTokens] {
        let logger = logger
        let now = Timestamp.now().milliseconds
        return try await read { connection in
            try await connection.rows(
                PostgresQuery(unsafeSQL: SignInSQL.usersWithTokens.replacingOccurrences(of: "?", with: "$1"), binds: PostgresBackend.binds(now)),
                logger: logger
            ).map(Self.userTokens)
        }
    }

    public func addUser(name: String, id: Int64?) async throws(BackendError) -> User {
        let name = try SetupRules.name(name)
        try SetupRules.keptID(id)
        let logger = logger
        return try await transaction { connection in
            let newID = try await Self.insertKeepingID(
                connection, table: "users", noun: "User", id: id,
                columns: "name, name_key, created_at", logger: logger
            ) { sql in [sql.bind(name), sql.bind(SearchKey.fold(name)), sql.bind(Timestamp.now().milliseconds)] }
            return User(id: newID, name: name)
        }
    }

    public func addPatient(name: String, dateOfBirth: String?, id: Int64?) async throws(BackendError) -> Patient {
        let name = try SetupRules.name(name)
        let dob = try SetupRules.dateOfBirth(dateOfBirth, today: .today())
        try SetupRules.keptID(id)
        let logger = logger
        return try await transaction { connection in
            let newID = try await Self.insertKeepingID(
                connection, table: "patients", noun: "Patient", id: id,
                columns: "name, name_key, date_of_birth, created_at", logger: logger
            ) { sql in
                [sql.bind(name), sql.bind(SearchKey.fold(name)), sql.bind(dob?.iso8601), sql.bind(Timestamp.now().milliseconds)]
            }
            return Patient(id: newID, name: name, dateOfBirth: dob)
        }
    }

    /// Inserts a row with the database's next id, or with `id` when given (refused when taken);
    /// the table's identity then moves past it, so later ids never collide.
    static func insertKeepingID(
        _ connection: PostgresConnection, table: String, noun: String, id: Int64?, columns: String, logger: Logger,
        values: (inout SQLBuilder) -> [String]
    ) async throws -> Int64 {
        var insert = SQLBuilder()
        let placeholders = values(&insert)
        if let id {
            try await connection.query("LOCK TABLE \(unescaped: table) IN SHARE ROW EXCLUSIVE MODE", logger: logger)
            if try await connection.exists(PostgresQuery(unsafeSQL: "SELECT 1 FROM \(table) WHERE id = $1", binds: PostgresBackend.binds(id)), logger: logger) {
                throw BackendError.validation(["\(noun) \(id) already exists"])
            }
            insert.sql = "INSERT INTO \(table) (id, \(columns)) VALUES (\(insert.bind(id)), \(placeholders.joined(separator: ", "))) RETURNING id"
        } else {
            insert.sql = "INSERT INTO \(table) (\(columns)) VALUES (\(placeholders.joined(separator: ", "))) RETURNING id"
        }
        guard let newID = try await connection.value(Int64.self, insert.query, logger: logger) else {
            throw BackendError.unavailable(BackendError.serviceUnavailableMessage)
        }
        if id != nil { try await advanceIdentity(connection, table: table, logger: logger) }
        return newID
    }

    /// Moves a table's identity past its largest id (after rows were written with their own ids).
    static func advanceIdentity(_ connection: PostgresConnection, table: String, logger: Logger) async throws {
        try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), GREATEST((SELECT MAX(id) FROM \(table)), 1))"),
            logger: logger)
    }

    static func requireUser(_ connection: PostgresConnection, id: Int64, logger: Logger) async throws {
        guard try await connection.exists("SELECT 1 FROM users WHERE id = \(id)", logger: logger) else {
            throw BackendError.validation(["User must exist"])
        }
    }
}

/// The operator's policy on PostgreSQL.
extension PostgresStore {
    public func storePolicy() async throws(BackendError) -> StorePolicy {
        let logger = logger
        return try await read { connection in
            StorePolicy(idleLockOptional: try await connection.value(Bool.self, "SELECT idle_lock_optional FROM store_policy WHERE id = 1", logger: logger) ?? false)
        }
    }

    public func setStorePolicy(_ policy: StorePolicy) async throws(BackendError) {
        let logger = logger
        let optional = policy.idleLockOptional
        try await transaction { connection in
            try await connection.query("UPDATE store_policy SET idle_lock_optional = \(optional) WHERE id = 1", logger: logger)
        }
    }
}
