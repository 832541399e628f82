/// What the API server needs from storage: who a token belongs to, and a backend acting as that
/// user. The SQLite store and the PostgreSQL store implement it.
public protocol ActivityRepository: Sendable {
    /// What a token is: a valid one's account, expired, or unknown (revoked, or its user
    /// disabled). A session's last use is written at most every 30 s.
    func authenticate(token: String, policy: SessionPolicy, now: Timestamp) async throws(BackendError) -> TokenCheck
    /// Signs in with a login and a password (`SignIn`): a new session, or `.invalidLogin`,
    /// `.tooManyAttempts`.
    func signIn(login: String, password: String, address: String, policy: SessionPolicy) async throws(BackendError) -> SessionGrant
    /// Ends the session a request was made with; false (nothing changed) for an API token,
    /// which only an administrator revokes.
    func endSession(token: String) async throws(BackendError) -> Bool
    /// A backend whose every write is performed by `user`. With `idempotent`, its write (a
    /// request makes one) is made at most once per user and key, and answered as `idempotent`
    /// says, in the write's transaction; a key already used throws `.replayed` or `.validation`.
    /// `audit` says where the request came from, for the audit rows its writes append.
    func backend(actingAs user: User, idempotent: IdempotentWrite?, audit: AuditContext?) -> any ActivityBackend
    /// Throws `.unavailable` when the store cannot serve right now (`/health`).
    func checkHealth() async throws(BackendError)
}

/// A store `ecm-server` runs on, whichever it is (a SQLite file, a PostgreSQL database): the
/// repository the API serves, and the set-up work of its subcommands.
extension ActivityRepository {
    /// A backend whose every write is performed by `user`.
    public func backend(actingAs user: User) -> any ActivityBackend { backend(actingAs: user, idempotent: nil, audit: nil) }

    /// The user a token belongs to now (under the default session policy), or nil.
    public func user(forToken token: String) async throws(BackendError) -> User? {
        if case .valid(let account) = try await authenticate(token: token, policy: SessionPolicy(), now: .now()) { return account.user }
        return nil
    }
}

public protocol ServerStore: ActivityRepository, EmailOutboxStore, IdempotencyStore, CredentialStore, AuditStore, AccountAdministration, PRTFReportStore,
    PatientWriting
{
    /// Where it is, without secrets: a file path or a URL without its password.
    var location: String { get }
    /// Adds a member of the care team. `id` keeps an id from another system.
    func addUser(name: String, id: Int64?) async throws(BackendError) -> User
    /// Adds a patient. `id` keeps an id from another system.
    func addPatient(name: String, dateOfBirth: String?, id: Int64?) async throws(BackendError) -> Patient
    /// Issues a new API token for a user, lasting until revoked; only its hash is kept.
    func issueToken(userID: Int64) async throws(BackendError) -> String
    /// Issues a new API token for a user and returns it; only its hash is kept. With
    /// `expiresAt`, it is refused (`Session expired`) from then on.
    func issueToken(userID: Int64, expiresAt: Timestamp?) async throws(BackendError) -> String
    /// Sets a user's login (nil keeps it) and role (nil keeps it); `.validation` for a login
    /// that is malformed or taken.
    func configureAccount(userID: Int64, login: String?, role: Role?) async throws(BackendError) -> Account
    /// Keeps a password hash (`PasswordHash`) for the user; their sessions end.
    func setPasswordHash(userID: Int64, hash: String) async throws(BackendError)
    /// Disables a user: every token and session ends, and sign-in is refused.
    func disableUser(id: Int64) async throws(BackendError)
    /// The store's policy (`StorePolicy`), and setting it.
    func storePolicy() async throws(BackendError) -> StorePolicy
    func setStorePolicy(_ policy: StorePolicy) async throws(BackendError)
    /// Adds a clinic; returns its id.
    func addClinic(name: String) async throws(BackendError) -> Int64
    func clinicExists(id: Int64) async throws(BackendError) -> Bool
    /// Moves a user or a patient (`table` `users` or `patients`) to a clinic that exists
    /// (`.validation` otherwise).
    func moveToClinic(_ table: ClinicMember, id: Int64, clinicID: Int64) async throws(BackendError)
    /// Revokes every token of a user; returns how many were active.
    func revokeTokens(userID: Int64) async throws(BackendError) -> Int
    /// Every user with the number of active tokens, by id.
    func usersWithTokenCounts() async throws(BackendError) -> [UserTokens]
}

/// What belongs to a clinic.
public enum ClinicMember: String, Sendable {
    case users, patients
    public var noun: String { self == .users ? "User" : "Patient" }
}

/// A user, how they sign in, and how many active tokens and sessions they have.
public struct UserTokens: Sendable, Hashable {
    public let user: User
    public let activeTokens: Int
    public var login: String?
    public var role: Role
    public var disabled: Bool
    public init(user: User, activeTokens: Int, login: String? = nil, role: Role = .coordinator, disabled: Bool = false) {
        self.user = user
        self.activeTokens = activeTokens
        self.login = login
        self.role = role
        self.disabled = disabled
    }
}
