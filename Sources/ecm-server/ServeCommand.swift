import ArgumentParser
import ECMDomain
import ECMMail
import ECMServer
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `ecm-server serve`: answers the API until SIGTERM or SIGINT, then drains and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API. Prints `listening on http://HOST:PORT` (https with --tls-cert) once ready.")

    @OptionGroup var database: DatabaseOption
    @OptionGroup(title: "Email") var mail: MailOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 8080
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"
    @Option(help: ArgumentHelp("Time for a request's head to arrive (500ms, 90s, 15m, 12h).", valueName: "duration"))
    var headerTimeout = TimeoutArgument(ConnectionLimits.defaultHeaderTimeout)
    @Option(help: ArgumentHelp("Time for a request's body to arrive after its head.", valueName: "duration"))
    var bodyTimeout = TimeoutArgument(ConnectionLimits.defaultBodyTimeout)
    @Option(help: ArgumentHelp("Time a kept-alive connection may wait for its next request.", valueName: "duration"))
    var idleTimeout = TimeoutArgument(ConnectionLimits.defaultIdleTimeout)
    @Option(
        help: ArgumentHelp(
            "Connections open at once; past it the oldest idle one is closed to make room. Default: the open-file limit less \(ConnectionLimits.reservedFileDescriptors); more raises the limit up to its hard limit.",
            valueName: "count"))
    var maxConnections: Int?
    @Option(help: ArgumentHelp("A signed-in session ends after this long without a request.", valueName: "duration"))
    var sessionIdleTimeout = TimeoutArgument(.seconds(15 * 60))
    @Option(help: ArgumentHelp("A signed-in session ends this long after sign-in, however busy.", valueName: "duration"))
    var sessionLifetime = TimeoutArgument(.seconds(12 * 3600))
    @Option(help: ArgumentHelp("Serve HTTPS (TLS 1.2+) with this PEM certificate chain; read again on SIGHUP.", valueName: "path"))
    var tlsCert: String?
    @Option(help: ArgumentHelp("The certificate's PEM private key (not readable by others); read again on SIGHUP.", valueName: "path"))
    var tlsKey: String?

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        if let maxConnections, !(1...1_000_000).contains(maxConnections) {
            throw ValidationError("--max-connections must be between 1 and 1000000")
        }
    }

    /// The connection limits the options give.
    var limits: ConnectionLimits {
        ConnectionLimits(
            headerTimeout: headerTimeout.duration, bodyTimeout: bodyTimeout.duration, idleTimeout: idleTimeout.duration,
            maxConnections: maxConnections ?? ConnectionLimits.defaultMaxConnections)
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ecm-server")
        let limits = self.limits
        do {
            try limits.raiseFileLimitToFit()
        } catch {
            FileHandle.standardError.write(Data("ecm-server: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        try await serve(try await database.open(), limits: limits, logger: logger)
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }

    /// The certificate to serve, or nil for plain HTTP; exits 2 with one line when it cannot serve.
    private func certificate() throws -> ServerCertificate? {
        guard let tlsCert, let tlsKey else { return nil }
        do {
            if let mode = (try? FileManager.default.attributesOfItem(atPath: tlsKey))?[.posixPermissions] as? Int, mode & 0o004 != 0 {
                throw ServerCertificate.Failure(description: "--tls-key \(tlsKey) is readable by anyone: chmod o-r it (0600 or 0640)")
            }
            return try ServerCertificate(certificatePath: tlsCert, keyPath: tlsKey)
        } catch let error as ServerCertificate.Failure {
            FileHandle.standardError.write(Data("ecm-server: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Serves the API from `store` until SIGTERM or SIGINT, with the delivery of email beside it.
    private func serve(_ store: some ServerStore, limits: ConnectionLimits, logger: Logger) async throws {
        let certificate = try certificate()
        let worker: DeliveryWorker?
        do {
            worker = try mail.makeWorker(store: store)
        } catch {
            FileHandle.standardError.write(Data("ecm-server: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if let worker {
            logger.info("email leaves through \(worker.transport.description)")
        } else {
            logger.warning("no --mail-transport: email activities are accepted and stay pending until one is configured")
        }
        let audit = AuditRecorder(store: store, logger: logger)
        var services: [any Service] = [IdempotencyKeyPurge(store: store, logger: logger), AuditFlushService(recorder: audit)]
        if let worker { services.append(DeliveryService(worker: worker)) }
        if let certificate { services.append(CertificateReloadService(certificate: certificate, logger: logger)) }
        let scheme = certificate == nil ? "http" : "https"
        let sessions = SessionPolicy(
            idleTimeoutMilliseconds: Self.milliseconds(sessionIdleTimeout.duration),
            lifetimeMilliseconds: Self.milliseconds(sessionLifetime.duration))
        let app = buildApplication(
            repository: store, host: host, port: port, limits: limits, logger: logger,
            mail: MailHealth(configured: worker != nil, outbox: store), services: services, certificate: certificate,
            sessions: sessions, audit: audit
        ) { host, port in
            printLine("listening on \(scheme)://\(host):\(port)")
        }
        try await app.runService()
    }
}

/// A timeout option's value: a whole number and a unit (`500ms`, `90s`, `15m`, `12h`).
struct TimeoutArgument: ExpressibleByArgument {
    let duration: Duration

    init(_ duration: Duration) { self.duration = duration }

    init?(argument: String) {
        guard let duration = DurationText.parse(argument) else { return nil }
        self.duration = duration
    }

    var defaultValueDescription: String { DurationText.format(duration) }
}
