import ECMDomain
import HTTPTypes
import Hummingbird

/// `X-User-Token` authentication: the token's user becomes the acting user of the request.
struct AuthenticationMiddleware<Repository: ActivityRepository>: RouterMiddleware {
    typealias Context = ECMRequestContext
    static var header: HTTPField.Name { HTTPField.Name("X-User-Token")! }

    let repository: Repository

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = request.headers[Self.header], !token.isEmpty,
            let user = try await repository.user(forToken: token)
        else { throw BackendError.unauthorized }
        var context = context
        context.user = user
        return try await next(request, context)
    }
}
