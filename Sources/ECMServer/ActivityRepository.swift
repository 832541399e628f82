import ECMDomain
import ECMStore

/// What the server needs from storage: who a token belongs to, and a backend acting as that
/// user. The SQLite store implements it today; a PostgreSQL store for multi-host deployments
/// would implement the same protocol.
public protocol ActivityRepository: Sendable {
    /// The user a token belongs to, or nil when it is unknown or revoked.
    func user(forToken token: String) async throws(BackendError) -> User?
    /// A backend whose every write is performed by `user`.
    func backend(actingAs user: User) -> any ActivityBackend
}

/// The repository over the embedded SQLite store.
public struct StoreRepository: ActivityRepository {
    public let database: AppDatabase

    public init(database: AppDatabase) { self.database = database }

    public func user(forToken token: String) async throws(BackendError) -> User? {
        try await database.user(forToken: token)
    }

    public func backend(actingAs user: User) -> any ActivityBackend {
        StoreBackend(database: database, actingUserID: user.id)
    }
}
