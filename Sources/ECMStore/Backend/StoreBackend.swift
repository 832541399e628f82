import ECMDomain
import GRDB

/// `ActivityBackend` over the embedded SQLite store, acting as one user.
public struct StoreBackend: ActivityBackend {
    public let database: AppDatabase
    /// The acting user: `performed_by` of everything this backend writes.
    public let actingUserID: Int64?
    /// The acting user as the server's token lookup found it for this request: the calls of a
    /// request do not look it up again.
    let authenticatedUser: User?
    /// The server's request's `Idempotency-Key`, checked and recorded in its write's transaction.
    let idempotent: IdempotentWrite?
    /// Where the request came from, for the audit rows of its writes.
    let auditContext: AuditContext?
    /// Whether this backend audits its reads and refused calls itself: the CLI's and the UI's
    /// (the server audits those per request, and writes here).
    let auditsEveryCall: Bool

    /// The CLI's and the UI's backend: every call is audited as the acting user.
    public init(database: AppDatabase, actingUserID: Int64?) {
        self.database = database
        self.actingUserID = actingUserID
        self.authenticatedUser = nil
        self.idempotent = nil
        self.auditContext = nil
        self.auditsEveryCall = true
    }

    /// Acts as a user the server has just authenticated; writes are audited with `audit`.
    public init(database: AppDatabase, authenticated user: User, idempotent: IdempotentWrite? = nil, audit: AuditContext? = nil) {
        self.database = database
        self.actingUserID = user.id
        self.authenticatedUser = user
        self.idempotent = idempotent
        self.auditContext = audit
        self.auditsEveryCall = false
    }

    public var location: String { database.path }

    public func currentUser() async throws(BackendError) -> User {
        try await read { _, user in user }
    }

    public func policy() async throws(BackendError) -> StorePolicy {
        try await database.storePolicy()
    }

    public func users(search: String?) async throws(BackendError) -> [User] {
        if search?.containsNullCharacter == true { throw .validation([PatientSearch.nullCharacterMessage]) }
        return try await read { db, user in try Self.users(db, search: search, clinic: user.clinicID) }
    }

    /// Reads as the acting user: like the API, every call needs one that exists. `audit` names
    /// what a read of a member's record touched (nil: no member's record, as the team list).
    func read<T: Sendable>(
        audit target: AuditTarget? = nil, _ body: @escaping @Sendable (Database, User) throws -> T
    ) async throws(BackendError) -> T {
        let id = actingUserID
        let known = authenticatedUser
        do {
            let result = try await database.read { db in try body(db, try known ?? Self.actingUser(db, id)) }
            if let target { try await auditCall(target, status: nil) }
            return result
        } catch {
            if let target, error != .unauthorized { try? await auditCall(target, status: error.status) }
            throw error
        }
    }

    /// Writes as the acting user, in one transaction with its audit row; under an
    /// `Idempotency-Key`, at most once.
    func write<T: Sendable>(
        audit target: @escaping @Sendable (T) -> AuditTarget, failed: AuditTarget,
        _ body: @escaping @Sendable (Database, User) throws -> T
    ) async throws(BackendError) -> T {
        let id = actingUserID
        let idempotent = idempotent
        let context = auditContext
        do {
            return try await database.write { db in
                let user = try Self.actingUser(db, id)
                if let idempotent { try IdempotencyKeys.replayIfUsed(db, userID: user.id, idempotent) }
                let result = try body(db, user)
                if let idempotent {
                    try IdempotencyKeys.record(db, userID: user.id, idempotent, response: try idempotent.response(to: result))
                }
                try AppDatabase.appendAudit(db, [target(result).entry(userID: user.id, clinicID: user.clinicID, context: context)])
                return result
            }
        } catch {
            if error != .unauthorized { try? await auditCall(failed, status: error.status) }
            throw error
        }
    }

    /// The CLI's and the UI's audit row for a call (the server writes its own per request).
    private func auditCall(_ target: AuditTarget, status: Int?) async throws(BackendError) {
        guard auditsEveryCall else { return }
        try await database.appendAudit([target.entry(userID: actingUserID, status: status, context: nil)])
    }

    /// The acting user, or `.unauthorized` when there is none or it does not exist.
    static func actingUser(_ db: Database, _ id: Int64?) throws -> User {
        guard let id, let user = try Row.fetchOne(
            db, cached: "SELECT id, name, clinic_id FROM users WHERE id = ?", arguments: [id],
            as: { User(id: $0["id"], name: $0["name"], clinicID: $0["clinic_id"]) })
        else { throw BackendError.unauthorized }
        return user
    }

    /// At most this many users answer one search: a picker narrows by typing.
    static let userSearchLimit = 500

    /// The care team of a clinic whose names match.
    static func users(_ db: Database, search: String?, clinic: Int64) throws -> [User] {
        let pattern = StoredColumns.likePattern(search)
        return try Row.fetchAll(
            db,
            cached: """
                SELECT id, name, clinic_id FROM users WHERE clinic_id = ? AND name_key LIKE ? ESCAPE '\\'
                ORDER BY name_key, id LIMIT \(userSearchLimit)
                """,
            arguments: [clinic, pattern], as: { User(id: $0["id"], name: $0["name"], clinicID: $0["clinic_id"]) })
    }

}
