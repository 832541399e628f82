import ECMDomain
import Hummingbird
import Logging

/// Answers every failure with the API's `{"errors": [...]}` body and the right status. Anything
/// unexpected is logged (without request data) and answered 500, never a crash.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch BackendError.replayed(let recorded) {
            var response = JSONResponse.recorded(recorded)
            response.headers[IdempotencyMiddleware.replayedHeader] = "true"
            return response
        } catch let error as BackendError {
            var response = JSONResponse.errors(error.messages, status: Self.status(error))
            if response.status == .serviceUnavailable { response.headers[.retryAfter] = Self.retryAfterSeconds }
            if case .tooManyAttempts(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            return response
        } catch is UnsupportedMediaType {
            return JSONResponse.errors(["Content type must be application/json"], status: .unsupportedMediaType)
        } catch let error as any HTTPResponseError {
            return JSONResponse.errors([Self.message(error.status)], status: error.status)
        } catch {
            context.logger.error("unhandled error", metadata: ["error.type": "\(type(of: error))"])
            return JSONResponse.errors(["Internal server error"], status: .internalServerError)
        }
    }

    /// How long a client is asked to wait when the store cannot serve (a database restarting).
    static var retryAfterSeconds: String { "5" }

    static func status(_ error: BackendError) -> HTTPResponse.Status {
        switch error {
        case .patientNotFound, .activityNotFound, .userNotFound, .viewNotFound, .reportNotFound: .notFound
        case .validation: .unprocessableContent
        case .unauthorized, .unknownUser, .sessionExpired, .invalidLogin: .unauthorized
        case .tooManyAttempts: .tooManyRequests
        case .forbidden: .forbidden
        case .conflict: .preconditionFailed
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        case .replayed(let response): HTTPResponse.Status(code: response.status)
        }
    }

    static func message(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "Not found"
        case .contentTooLarge: "Request body is too large (maximum is 1 MiB)"
        case .methodNotAllowed: "Method not allowed"
        case .badRequest: "Bad request"
        default: status.reasonPhrase
        }
    }
}
