import ECMDomain
import HTTPTypes
import Hummingbird

/// `X-User-Token` authentication: the token's user becomes the acting user of the request; a
/// session past its idle time or lifetime is 401 `Session expired`.
struct AuthenticationMiddleware<Repository: ActivityRepository>: RouterMiddleware {
    typealias Context = ECMRequestContext
    static var header: HTTPField.Name { HTTPField.Name("X-User-Token")! }

    let repository: Repository
    let sessions: SessionPolicy
    let recorder: AuditRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.headers[Self.header], !token.isEmpty else { throw BackendError.unauthorized }
        switch try await repository.authenticate(token: token, policy: sessions, now: .now()) {
        case .valid(let account):
            var context = context
            context.user = account.user
            context.token = token
            context.role = account.role
            return try await next(request, context)
        case .expired:
            await recorder.record(AuditTarget(.sessionExpired, "session").entry(userID: nil, status: 401, context: context.auditContext))
            throw BackendError.sessionExpired
        case .unknown: throw BackendError.unauthorized
        }
    }
}

/// Admin-only routes: 403 `Forbidden` for any other role.
struct AdminOnlyMiddleware: RouterMiddleware {
    typealias Context = ECMRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard context.role == .admin else { throw BackendError.forbidden }
        return try await next(request, context)
    }
}
