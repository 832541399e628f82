import Crypto
import ECMDomain
import HTTPTypes
import Hummingbird

/// A write's `Idempotency-Key` and what the request asked for, as `IdempotencyMiddleware` read them.
public struct IdempotencyKey: Sendable, Equatable {
    public let key: String
    /// SHA-256 (hex) of the method, the path with its query, `If-Match` and the body.
    public let fingerprint: String
}

/// `Idempotency-Key` on POST, PUT, PATCH and DELETE (an extension to the API): the header's key
/// and the request's fingerprint go to the route, whose store makes the write at most once per
/// user and key (`IdempotentWrite`). A repeat is answered with the first answer and
/// `Idempotent-Replayed: true`; the same key with another request is 422.
struct IdempotencyMiddleware: RouterMiddleware {
    typealias Context = ECMRequestContext
    static var header: HTTPField.Name { HTTPField.Name("Idempotency-Key")! }
    static var replayedHeader: HTTPField.Name { HTTPField.Name("Idempotent-Replayed")! }
    static let writeMethods: Set<HTTPRequest.Method> = [.post, .put, .patch, .delete]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard Self.writeMethods.contains(request.method), let key = request.headers[Self.header] else {
            return try await next(request, context)
        }
        guard IdempotentWrite.isValidKey(key) else { throw BackendError.badRequest(IdempotentWrite.invalidKeyMessage) }
        var request = request
        // The body is read once here and handed on as a buffer: the route reads it from there.
        let body = try await request.collectAPIBody(context: context)
        var hash = SHA256()
        for part in [request.method.rawValue, request.uri.description, request.headers[.ifMatch] ?? ""] {
            hash.update(data: Array(part.utf8) + [0x0A])
        }
        hash.update(data: Array(body.readableBytesView))
        let fingerprint = hash.finalize().map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        var context = context
        context.idempotencyKey = IdempotencyKey(key: key, fingerprint: fingerprint)
        return try await next(request, context)
    }
}
