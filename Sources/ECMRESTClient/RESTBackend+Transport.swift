import AsyncHTTPClient
import ECMDomain
import Foundation
import NIOCore
import NIOHTTP1

/// Sending requests and turning responses into results or `BackendError`s.
extension RESTBackend {
    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: Data

        /// The revision named by the response's ETag (`"7"`), 0 when there is none.
        var revision: Int64 {
            guard let tag = headers.first(name: "ETag") else { return 0 }
            return Int64(tag.trimmingCharacters(in: CharacterSet(charactersIn: "W/\""))) ?? 0
        }
    }

    /// Largest response body accepted.
    static let maximumResponseSize = 16 << 20

    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], json: Data? = nil,
        ifRevision: Int64? = nil, timeout: Duration? = nil
    ) async throws(BackendError) -> Reply {
        var request = try self.request(method, path, query: query, accept: "application/json")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        if let ifRevision { request.headers.add(name: "If-Match", value: "\"\(ifRevision)\"") }
        // One key per logical write, the same on every attempt.
        if method != .GET { request.headers.add(name: "Idempotency-Key", value: UUID().uuidString) }
        let attempts = (method == .GET ? configuration.readRetries : configuration.writeRetries) + 1
        var lastError = BackendError.unavailable("Cannot reach the ecm server at \(location)")
        for attempt in 0..<attempts {
            if attempt > 0 { try? await Task.sleep(for: .milliseconds(200 << (attempt - 1))) }
            do {
                let response = try await client.execute(request, timeout: Self.timeAmount(timeout ?? configuration.requestTimeout))
                let buffer = try await response.body.collect(upTo: Self.maximumResponseSize)
                let reply = Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
                if [502, 503, 504].contains(reply.status), attempt + 1 < attempts {
                    lastError = failure(reply)
                    continue
                }
                guard (200..<300).contains(reply.status) else { throw failure(reply) }
                return reply
            } catch let error as BackendError {
                throw error
            } catch {
                lastError = .unavailable("Cannot reach the ecm server at \(location): \(Self.describe(error))")
            }
        }
        throw lastError
    }

    /// A request to `path` (under the server's base) with the token and what it accepts.
    func request(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], accept: String) throws(BackendError) -> HTTPClientRequest {
        var components = URLComponents(url: base, resolvingAgainstBaseURL: false)!
        components.percentEncodedPath = base.path + path
        if !query.isEmpty { components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) } }
        guard let url = components.url?.absoluteString else { throw .badRequest("Bad request path") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        let token = currentToken
        if !token.isEmpty { request.headers.add(name: "X-User-Token", value: token) }
        request.headers.add(name: "Accept", value: accept)
        return request
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// The domain's error for an error response, keeping the server's messages.
    func failure(_ reply: Reply) -> BackendError {
        let messages = (try? JSONDecoder().decode(ErrorsBody.self, from: reply.body).errors) ?? []
        switch reply.status {
        case 401 where messages == ["Session expired"]: return .sessionExpired
        case 401 where messages == ["Invalid login or password"]: return .invalidLogin
        case 401: return .unauthorized
        case 403: return .forbidden
        case 429: return .tooManyAttempts(retryAfterSeconds: reply.headers.first(name: "Retry-After").flatMap { Int($0) } ?? 60)
        case 404 where messages == ["Patient not found"]: return .patientNotFound
        case 404 where messages == ["Activity not found"]: return .activityNotFound
        case 404 where messages == ["User not found"]: return .userNotFound
        case 404 where messages == ["View not found"]: return .viewNotFound
        case 404 where messages == ["Report not found"]: return .reportNotFound
        case 404: return .unavailable("The ecm server at \(location) does not serve this API (404)")
        case 409, 412: return .conflict
        case 422: return .validation(messages)
        case 400, 413, 415: return .badRequest(messages.first ?? "Bad request (\(reply.status))")
        default: return .unavailable("The ecm server answered \(reply.status)" + (messages.first.map { ": \($0)" } ?? ""))
        }
    }

    func decode<T: Decodable>(_ type: T.Type, _ reply: Reply) throws(BackendError) -> T {
        do {
            return try JSONDecoder().decode(type, from: reply.body)
        } catch {
            throw .unavailable("The ecm server at \(location) sent a response ecm cannot read")
        }
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed") {
            return "its certificate is not trusted (a private CA? --ca-file or ECM_CA_FILE)"
        }
        if text.contains("failedToValidateHostname") || text.contains("unable to validate hostname") {
            return "its certificate is not for this host name"
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("wrong version number") {
            return "it does not speak TLS there (http:// instead of https://?)"
        }
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("Connection refused") || text.contains("connectionRefused") { return "connection refused" }
        if text.contains("deadlineExceeded") { return "no answer in time" }
        return text.count > 120 ? String(text.prefix(120)) + "…" : text
    }
}
