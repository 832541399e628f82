/// What the API server needs from storage: who a token belongs to, and a backend acting as that
/// user. The SQLite store and the PostgreSQL store implement it.
public protocol ActivityRepository: Sendable {
    /// The user a token belongs to, or nil when it is unknown or revoked.
    func user(forToken token: String) async throws(BackendError) -> User?
    /// A backend whose every write is performed by `user`. With `idempotent`, its write (a
    /// request makes one) is made at most once per user and key, and answered as `idempotent`
    /// says, in the write's transaction; a key already used throws `.replayed` or `.validation`.
    func backend(actingAs user: User, idempotent: IdempotentWrite?) -> any ActivityBackend
    /// Throws `.unavailable` when the store cannot serve right now (`/health`).
    func checkHealth() async throws(BackendError)
}

/// A store `ecm-server` runs on, whichever it is (a SQLite file, a PostgreSQL database): the
/// repository the API serves, and the set-up work of its subcommands.
extension ActivityRepository {
    /// A backend whose every write is performed by `user`.
    public func backend(actingAs user: User) -> any ActivityBackend { backend(actingAs: user, idempotent: nil) }
}

public protocol ServerStore: ActivityRepository, EmailOutboxStore, IdempotencyStore {
    /// Where it is, without secrets: a file path or a URL without its password.
    var location: String { get }
    /// Adds a member of the care team. `id` keeps an id from another system.
    func addUser(name: String, id: Int64?) async throws(BackendError) -> User
    /// Adds a patient. `id` keeps an id from another system.
    func addPatient(name: String, dateOfBirth: String?, id: Int64?) async throws(BackendError) -> Patient
    /// Issues a new token for a user and returns it; only its hash is kept.
    func issueToken(userID: Int64) async throws(BackendError) -> String
    /// Revokes every token of a user; returns how many were active.
    func revokeTokens(userID: Int64) async throws(BackendError) -> Int
    /// Every user with the number of active tokens, by id.
    func usersWithTokenCounts() async throws(BackendError) -> [UserTokens]
}

/// A user and how many active API tokens they have.
public struct UserTokens: Sendable, Equatable {
    public let user: User
    public let activeTokens: Int
    public init(user: User, activeTokens: Int) {
        self.user = user
        self.activeTokens = activeTokens
    }
}
