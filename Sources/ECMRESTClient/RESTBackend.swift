import AsyncHTTPClient
import ECMDomain
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

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
        /// PEM certificates to trust for the server (a private CA) instead of the system's.
        public var caFile: String?

        public init(baseURL: String, token: String) {
            self.baseURL = baseURL
            self.token = token
        }
    }

    let configuration: Configuration
    let base: URL
    let client: HTTPClient
    /// The token sent with each request: the configuration's, until `useToken` changes it
    /// (a session signed in again from the locked UI).
    private let token: TokenHolder

    public init(_ configuration: Configuration) throws(BackendError) {
        guard !configuration.token.isEmpty else { throw .unauthorized }
        try self.init(signingIn: configuration)
    }

    /// A backend without a token yet: only `signIn` may be sent through it.
    init(signingIn configuration: Configuration) throws(BackendError) {
        let text = configuration.baseURL.hasSuffix("/") ? String(configuration.baseURL.dropLast()) : configuration.baseURL
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
            scheme == "http" || scheme == "https"
        else { throw .badRequest("Server URL must look like https://host:port") }
        if scheme == "http", !configuration.allowInsecureHTTP, !Self.isLoopback(host) {
            throw .badRequest("Refusing plain http to \(host): use https, or --insecure-http to send health information unencrypted")
        }
        if let caFile = configuration.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw .badRequest("--ca-file \(caFile): no such readable file")
        }
        self.configuration = configuration
        self.token = TokenHolder(configuration.token)
        self.base = url
        self.client = try ClientPool.client(connectTimeout: configuration.connectTimeout, caFile: configuration.caFile)
    }

    public var location: String { base.absoluteString }

    /// Sends `token` from now on (empty: none, every request is then 401).
    public func useToken(_ token: String) { self.token.value = token }

    var currentToken: String { token.value }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }
}

/// One HTTP client per connect timeout and trusted CA, alive for the whole process (like
/// `HTTPClient.shared`).
enum ClientPool {
    private struct Key: Hashable {
        let connectTimeout: Duration
        let caFile: String?
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var clients: [Key: HTTPClient] = [:]

    static func client(connectTimeout: Duration, caFile: String?) throws(BackendError) -> HTTPClient {
        let key = Key(connectTimeout: connectTimeout, caFile: caFile)
        var trust: [NIOSSLCertificate]?
        if let caFile {
            do {
                trust = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw .badRequest("--ca-file \(caFile): not a PEM certificate")
            }
        }
        return lock.withLock {
            if let client = clients[key] { return client }
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
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.minimumTLSVersion = .tlsv12
            if let trust { tls.trustRoots = .certificates(trust) }
            configuration.tlsConfiguration = tls
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            clients[key] = client
            return client
        }
    }
}

/// A token shared by the copies of one backend (it is a struct), changed under a lock.
final class TokenHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var current: String
    init(_ token: String) { current = token }
    var value: String {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}
