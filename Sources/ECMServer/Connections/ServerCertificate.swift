import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import ServiceLifecycle
import UnixSignals

/// The certificate `ecm-server serve --tls-cert --tls-key` serves, read from its files at start
/// and again on SIGHUP: a renewed certificate is used by every connection made after the reload,
/// without a restart. TLS 1.2 or later.
public final class ServerCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String
    private let context: NIOLockedValueBox<NIOSSLContext>

    /// Reads both files; throws a one-line `ServerCertificate.Failure` when they cannot serve.
    public init(certificatePath: String, keyPath: String) throws(Failure) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        context = NIOLockedValueBox(try Self.load(certificatePath: certificatePath, keyPath: keyPath))
    }

    /// What new connections are served with.
    var current: NIOSSLContext { context.withLockedValue { $0 } }

    /// Reads the files again; on failure the previous certificate stays in use.
    public func reload() throws(Failure) {
        let fresh = try Self.load(certificatePath: certificatePath, keyPath: keyPath)
        context.withLockedValue { $0 = fresh }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private static func load(certificatePath: String, keyPath: String) throws(Failure) -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw Failure(description: "--tls-cert \(certificatePath): not a readable PEM certificate")
        }
        guard !chain.isEmpty else { throw Failure(description: "--tls-cert \(certificatePath): no certificate in the file") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw Failure(description: "--tls-key \(keyPath): not a readable PEM private key")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw Failure(description: "--tls-cert and --tls-key do not go together (the key is not the certificate's)")
        }
    }
}

/// A connection's channel behind TLS, with the certificate current when it was accepted.
struct ServerTLSChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let certificate: ServerCertificate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: certificate.current))
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Reads the certificate again on each SIGHUP, beside the HTTP server.
public struct CertificateReloadService: Service {
    let certificate: ServerCertificate
    let logger: Logger

    public init(certificate: ServerCertificate, logger: Logger) {
        self.certificate = certificate
        self.logger = logger
    }

    public func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in hangups {
                do throws(ServerCertificate.Failure) {
                    try certificate.reload()
                    logger.info("reloaded the TLS certificate")
                } catch {
                    logger.error("could not reload the TLS certificate; still serving the previous one", metadata: ["error": "\(error.description)"])
                }
            }
        }
    }
}
