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

    public init(database: AppDatabase, actingUserID: Int64?) {
        self.database = database
        self.actingUserID = actingUserID
        self.authenticatedUser = nil
        self.idempotent = nil
    }

    /// Acts as a user the caller has just authenticated.
    public init(database: AppDatabase, authenticated user: User, idempotent: IdempotentWrite? = nil) {
        self.database = database
        self.actingUserID = user.id
        self.authenticatedUser = user
        self.idempotent = idempotent
    }

    public var location: String { database.path }

    public func currentUser() async throws(BackendError) -> User {
        try await read { _, user in user }
    }

    public func users(search: String?) async throws(BackendError) -> [User] {
        if search?.containsNullCharacter == true { throw .validation([PatientSearch.nullCharacterMessage]) }
        return try await read { db, _ in try Self.users(db, search: search) }
    }

    /// Reads as the acting user: like the API, every call needs one that exists.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database, User) throws -> T) async throws(BackendError) -> T {
        let id = actingUserID
        let known = authenticatedUser
        return try await database.read { db in try body(db, try known ?? Self.actingUser(db, id)) }
    }

    /// Writes as the acting user, in one transaction; under an `Idempotency-Key`, at most once.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database, User) throws -> T) async throws(BackendError) -> T {
        let id = actingUserID
        let idempotent = idempotent
        return try await database.write { db in
            let user = try Self.actingUser(db, id)
            guard let idempotent else { return try body(db, user) }
            try IdempotencyKeys.replayIfUsed(db, userID: user.id, idempotent)
            let result = try body(db, user)
            try IdempotencyKeys.record(db, userID: user.id, idempotent, response: try idempotent.response(to: result))
            return result
        }
    }

    /// The acting user, or `.unauthorized` when there is none or it does not exist.
    static func actingUser(_ db: Database, _ id: Int64?) throws -> User {
        guard let id, let user = try Row.fetchOne(
            db, cached: "SELECT id, name FROM users WHERE id = ?", arguments: [id], as: { User(id: $0["id"], name: $0["name"]) })
        else { throw BackendError.unauthorized }
        return user
    }

    /// At most this many users answer one search: a picker narrows by typing.
    static let userSearchLimit = 500

    static func users(_ db: Database, search: String?) throws -> [User] {
        let pattern = StoredColumns.likePattern(search)
        return try Row.fetchAll(
            db,
            cached: """
                SELECT id, name FROM users WHERE name_key LIKE ? ESCAPE '\\'
                ORDER BY name_key, id LIMIT \(userSearchLimit)
                """,
            arguments: [pattern], as: { User(id: $0["id"], name: $0["name"]) })
    }

}
