import ECMDomain
import Logging
import PostgresNIO

/// `ActivityBackend` over the PostgreSQL store, acting as one user: every behaviour as the
/// SQLite store's (shapes, orders, messages, counts, revisions, cascades), one conformance suite.
public struct PostgresBackend: ActivityBackend {
    public let store: PostgresStore
    /// The acting user: `performed_by` of everything this backend writes.
    public let actingUserID: Int64?
    /// The acting user as the server's token lookup found it for this request: the calls of a
    /// request do not look it up again (a round trip each).
    let authenticatedUser: User?
    /// The server's request's `Idempotency-Key`, checked and recorded in its write's transaction.
    let idempotent: IdempotentWrite?
    /// Where the request came from, for the audit rows of its writes.
    let auditContext: AuditContext?

    public init(store: PostgresStore, actingUserID: Int64?) {
        self.store = store
        self.actingUserID = actingUserID
        self.authenticatedUser = nil
        self.idempotent = nil
        self.auditContext = nil
    }

    /// Acts as a user the caller has just authenticated; writes are audited with `audit`.
    public init(store: PostgresStore, authenticated user: User, idempotent: IdempotentWrite? = nil, audit: AuditContext? = nil) {
        self.store = store
        self.actingUserID = user.id
        self.authenticatedUser = user
        self.idempotent = idempotent
        self.auditContext = audit
    }

    public var location: String { store.location }
    var logger: Logger { store.logger }

    /// Reads as the acting user: like the API, every call needs one that exists.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, User) async throws -> T) async throws(BackendError) -> T {
        let id = actingUserID
        let known = authenticatedUser
        let logger = logger
        return try await store.read { connection in
            if let known { return try await body(connection, known) }
            return try await body(connection, try await Self.actingUser(connection, id, logger: logger))
        }
    }

    /// `read` in one `REPEATABLE READ READ ONLY` transaction: a list read in several statements
    /// (counts, then each segment's page) sees one moment.
    func readSnapshot<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection, User) async throws -> T) async throws(BackendError) -> T {
        let id = actingUserID
        let known = authenticatedUser
        let logger = logger
        return try await store.transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY", logger: logger)
            if let known { return try await body(connection, known) }
            return try await body(connection, try await Self.actingUser(connection, id, logger: logger))
        }
    }

    /// Writes as the acting user, in one transaction, to a patient that exists (`.patientNotFound`
    /// otherwise). `patientID` serialises writes to one patient's records across every server, so
    /// that checks on links (cycles, subtasks) and the writes they allow cannot interleave; nil
    /// for a write that touches no patient's records. Under an `Idempotency-Key`, at most once.
    /// Its audit row (`audit`) is appended in the same transaction.
    func write<T: Sendable>(
        patientID: Int64?, audit target: @escaping @Sendable (T) -> AuditTarget,
        _ body: @escaping @Sendable (PostgresConnection, User) async throws -> T
    ) async throws(BackendError) -> T {
        let id = actingUserID
        let known = authenticatedUser
        let idempotent = idempotent
        let context = auditContext
        let logger = logger
        let committed = try await store.transaction { connection in
            let user: User
            if let known { user = known } else { user = try await Self.actingUser(connection, id, logger: logger) }
            if let idempotent { try await PostgresIdempotencyKeys.replayIfUsed(connection, userID: user.id, idempotent, logger: logger) }
            if let patientID {
                let lock = Prepared.LockPatient(space: Self.patientLockSpace, patientID: patientID, clinic: user.clinicID)
                guard try await connection.rows(lock, logger: logger).first?[0].decode(Bool.self) == true else {
                    throw BackendError.patientNotFound
                }
            }
            let result = try await body(connection, user)
            if let idempotent {
                try await PostgresIdempotencyKeys.record(
                    connection, userID: user.id, idempotent, response: try idempotent.response(to: result), logger: logger)
            }
            // Queued in this transaction (no lock on the chain's head, which would make every
            // write in the cluster wait for the one before to commit); sealed into the chain
            // right after, by one pass per server.
            let entry = target(result).entry(userID: user.id, clinicID: user.clinicID, context: context)
            try await PostgresStore.queueAudit(connection, entry, logger: logger)
            return result
        }
        store.sealAuditSoon()
        return committed
    }

    /// The first key of the two-key advisory locks that serialise a patient's writes.
    static let patientLockSpace: Int32 = 0x4543_4D50

    static func actingUser(_ connection: PostgresConnection, _ id: Int64?, logger: Logger) async throws -> User {
        guard let id, let row = try await connection.rows(Prepared.UserByID(id: id), logger: logger).first
        else { throw BackendError.unauthorized }
        return try PostgresRows.user(row)
    }

    public func currentUser() async throws(BackendError) -> User {
        try await read { _, user in user }
    }

    public func policy() async throws(BackendError) -> StorePolicy {
        try await store.storePolicy()
    }

    /// At most this many users answer one search: a picker narrows by typing.
    static let userSearchLimit = 500

    public func users(search: String?) async throws(BackendError) -> [User] {
        if search?.containsNullCharacter == true { throw .validation([PatientSearch.nullCharacterMessage]) }
        let logger = logger
        return try await read { connection, user in
            let pattern = StoredColumns.likePattern(search)
            let clinic = user.clinicID
            return try await connection.rows(
                """
                SELECT id, name, clinic_id FROM users WHERE clinic_id = \(clinic) AND name_key LIKE \(pattern) ESCAPE '\\'
                ORDER BY name_key, id LIMIT \(Self.userSearchLimit)
                """,
                logger: logger
            ).map(PostgresRows.user)
        }
    }

}
