import AsyncHTTPClient
import ECMDomain
import Foundation
import NIOCore
import NIOHTTP1

/// `ActivityBackend` over the ECM Activities API: what `ecm --server URL` uses. It answers
/// exactly like the embedded store (the same conformance suite runs against both), keeping the
/// server's messages and mapping its statuses to `BackendError`.
public struct RESTBackend: ActivityBackend {
    public struct Configuration: Sendable {
        /// `https://host:port` (a path prefix is allowed); `http` only for loopback unless allowed.
        public var baseURL: String
        public var token: String
        public var connectTimeout: Duration = .seconds(5)
        public var requestTimeout: Duration = .seconds(15)
        /// Extra attempts for reads that failed to connect or got 502/503/504.
        public var readRetries = 2
        /// Extra attempts for writes that failed to connect, lost their answer or got
        /// 502/503/504. Safe: each write carries one `Idempotency-Key` over all its attempts, so
        /// the server makes it once and answers a repeat with its first answer.
        public var writeRetries = 2
        public var allowInsecureHTTP = false

        public init(baseURL: String, token: String) {
            self.baseURL = baseURL
            self.token = token
        }
    }

    let configuration: Configuration
    let base: URL
    let client: HTTPClient

    public init(_ configuration: Configuration) throws(BackendError) {
        let text = configuration.baseURL.hasSuffix("/") ? String(configuration.baseURL.dropLast()) : configuration.baseURL
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            scheme == "http" || scheme == "https"
        else { throw .badRequest("Server URL must look like https://host:port") }
        if scheme == "http", !configuration.allowInsecureHTTP, !Self.isLoopback(host) {
            throw .badRequest("Refusing plain http to \(host): use https, or --insecure-http to send health information unencrypted")
        }
        guard !configuration.token.isEmpty else { throw .unauthorized }
        self.configuration = configuration
        self.base = url
        self.client = ClientPool.client(connectTimeout: configuration.connectTimeout)
    }

    public var location: String { base.absoluteString }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}

/// One HTTP client per connect timeout, alive for the whole process (like `HTTPClient.shared`).
enum ClientPool {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Duration: HTTPClient] = [:]

    static func client(connectTimeout: Duration) -> HTTPClient {
        lock.withLock {
            if let client = clients[connectTimeout] { return client }
            let milliseconds = Int64(connectTimeout.components.seconds * 1000 + connectTimeout.components.attoseconds / 1_000_000_000_000_000)
            var configuration = HTTPClient.Configuration(timeout: .init(connect: .milliseconds(milliseconds)))
            configuration.redirectConfiguration = .disallow
            configuration.decompression = .disabled
            // A failed connect fails its request at once, and the next request dials anew.
            // AsyncHTTPClient's own retry instead keeps requests queued behind a per-host
            // backoff (100 ms × 1.25ⁿ, up to 60 s) that only a successful connect resets, so
            // after an outage requests kept failing "connection refused" for up to a minute
            // while the server was already back. Reads are retried by `send` instead.
            configuration.connectionPool.retryConnectionEstablishment = false
            // Well under ecm-server's 60 s idle timeout, so a request is never sent on a
            // kept-alive connection at the moment the server closes it.
            configuration.connectionPool.idleTimeout = .seconds(20)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[connectTimeout] = client
            return client
        }
    }
}
