import Foundation
import NIOSSL
import PostgresNIO

/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DB[?sslmode=…&sslrootcert=PEM]`, as libpq reads it.
/// The password may instead come from `PGPASSWORD` or a file; it is never shown (`redacted`).
public struct PostgresURL: Sendable, Equatable {
    public enum TLSMode: String, Sendable {
        /// `disable`: plain TCP (loopback and trusted networks only).
        case disable
        /// `prefer` (libpq's default): TLS when the server offers it, certificate unchecked.
        case prefer
        /// `require`: TLS or nothing, certificate unchecked.
        case require
        /// `verify-ca`: TLS with a certificate from a trusted CA (`sslrootcert`).
        case verifyCA = "verify-ca"
        /// `verify-full`: as verify-ca, and the certificate names the host.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    public var rootCertificatePath: String?

    /// Whether `text` is meant as a PostgreSQL URL rather than a SQLite file path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses the URL; `password` (from PGPASSWORD or a file) is used when the URL has none.
    public init(_ text: String, password fallback: String? = nil) throws(URLError) {
        guard Self.isURL(text), let components = URLComponents(string: text) else {
            throw URLError("not a postgres://USER@HOST/DATABASE URL")
        }
        guard let host = components.host, !host.isEmpty else { throw URLError("the URL names no host") }
        guard let user = components.user, !user.isEmpty else { throw URLError("the URL names no user") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw URLError("the URL names no database") }
        self.host = host
        self.user = user.removingPercentEncoding ?? user
        password = components.password.map { $0.removingPercentEncoding ?? $0 } ?? fallback
        port = components.port ?? 5432
        self.database = database.removingPercentEncoding ?? database
        var mode = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                switch item.value ?? "" {
                case "allow", "prefer": mode = .prefer
                case let value:
                    guard let parsed = TLSMode(rawValue: value) else {
                        throw URLError("sslmode must be disable, prefer, require, verify-ca or verify-full")
                    }
                    mode = parsed
                }
            case "sslrootcert": rootCertificatePath = item.value
            default: throw URLError("unknown URL parameter \(item.name) (sslmode and sslrootcert are known)")
            }
        }
        tls = mode
    }

    /// The URL as it may be shown and logged: no password.
    public var redacted: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (tls == .prefer ? "" : "?sslmode=\(tls.rawValue)")
    }

    var clientConfiguration: PostgresClient.Configuration {
        var tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        if let rootCertificatePath { tlsConfiguration.trustRoots = .file(rootCertificatePath) }
        let tls: PostgresClient.Configuration.TLS
        switch self.tls {
        case .disable: tls = .disable
        case .prefer, .require:
            tlsConfiguration.certificateVerification = .none
            tls = self.tls == .prefer ? .prefer(tlsConfiguration) : .require(tlsConfiguration)
        case .verifyCA:
            tlsConfiguration.certificateVerification = .noHostnameVerification
            tls = .require(tlsConfiguration)
        case .verifyFull:
            tlsConfiguration.certificateVerification = .fullVerification
            tls = .require(tlsConfiguration)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }

    /// What is wrong with a URL, in one line.
    public struct URLError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
