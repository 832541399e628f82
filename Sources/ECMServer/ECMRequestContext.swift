import ECMDomain
import Hummingbird

/// Per-request state: Hummingbird's core storage plus the authenticated user.
public struct ECMRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` for every `/v1` route.
    public var user: User?
    /// Set by `IdempotencyMiddleware` for a write sent with an `Idempotency-Key`.
    public var idempotencyKey: IdempotencyKey?
    /// The peer's IP address (sign-in is throttled per address), "unknown" when there is none.
    public let remoteAddress: String
    /// The token the request was authenticated with (to end its session).
    public var token: String?
    /// The authenticated user's role.
    public var role: Role?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        user = nil
        idempotencyKey = nil
        token = nil
        role = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Request bodies above this are answered 413.
    public var maxUploadSize: Int { 1 << 20 }

    /// A backend acting as the authenticated user. A write route passes `respond`, the answer it
    /// makes of its write's result: under an `Idempotency-Key` the store records that answer in
    /// the write's transaction (and answers a repeat with it).
    func backend<Repository: ActivityRepository, Result: Sendable>(
        _ repository: Repository, respond: @escaping @Sendable (Result) -> RecordedResponse
    ) throws(BackendError) -> any ActivityBackend {
        let idempotent = idempotencyKey.map {
            IdempotentWrite(key: $0.key, fingerprint: $0.fingerprint, respond: respond)
        }
        return repository.backend(actingAs: try requireUser(), idempotent: idempotent, audit: auditContext)
    }

    /// Where the request came from, for audit rows: the peer's address and the request's id.
    var auditContext: AuditContext {
        AuditContext(remoteAddress: remoteAddress, requestID: logger[metadataKey: "hb.request.id"].map { "\($0)" })
    }

    /// The authenticated user; only routes behind the authentication middleware call this.
    func requireUser() throws(BackendError) -> User {
        guard let user else { throw .unauthorized }
        return user
    }
}
