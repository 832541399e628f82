import ECMDomain
import Hummingbird

/// Per-request state: Hummingbird's core storage plus the authenticated user.
public struct ECMRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthenticationMiddleware` for every `/v1` route.
    public var user: User?

    public init(source: Source) {
        coreContext = .init(source: source)
        user = nil
    }

    /// Request bodies above this are answered 413.
    public var maxUploadSize: Int { 1 << 20 }

    /// The authenticated user; only routes behind the authentication middleware call this.
    func requireUser() throws(BackendError) -> User {
        guard let user else { throw .unauthorized }
        return user
    }
}
