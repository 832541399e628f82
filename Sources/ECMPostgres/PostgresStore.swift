import ECMDomain
import Foundation
import Logging
import PostgresNIO

/// Owns the connection pool to one PostgreSQL database: connects, migrates, and runs every
/// query of the store. Several `ecm-server` processes, on one host or several, share one
/// database through it.
///
/// Errors never carry values: a failure of PostgreSQL itself (gone, restarting, refusing) is
/// `BackendError.unavailable("Service unavailable")`, which the server answers 503.
public final class PostgresStore: Sendable {
    /// Where the store is, for the status line and logs: the URL without its password.
    public let location: String
    let client: PostgresClient
    /// Moves the audit rows writes queued into the chain, one pass at a time per server.
    let auditSealer = AuditSealer()
    private let runner: Task<Void, Never>
    let logger: Logger

    /// Connects to the database the URL names and migrates it (under an advisory lock, so two
    /// servers starting together migrate once). A database written by a newer ecm is refused.
    public static func open(
        _ url: PostgresURL, poolSize: Int = defaultPoolSize, requestDeadline: Int? = defaultRequestDeadline,
        reachableWithin: Int = 10, logger: Logger = Logger(label: "ecm.postgres")
    ) async throws(BackendError) -> PostgresStore {
        let store = PostgresStore(url, poolSize: poolSize, requestDeadline: requestDeadline, logger: logger)
        do {
            try await store.checkReachable(within: reachableWithin)
            try await PostgresMigrations.migrate(store)
        } catch {
            store.close()
            throw error
        }
        return store
    }

    /// Connections one process may hold open to the database at most. Measured on 2 cores with
    /// 16 clients creating: 20 connections (postgres-nio's default) served 1,300 creates/s, 8–12
    /// served 1,680–1,960/s with half the p99 of reads, because fewer transactions at once wait
    /// less on each other's row locks (the shared count rows) and on the CPU (BENCHMARKS.md).
    public static let defaultPoolSize = 10

    private init(_ url: PostgresURL, poolSize: Int, requestDeadline: Int?, logger: Logger) {
        self.requestDeadline = requestDeadline
        location = url.redacted
        self.logger = logger
        // The pool's own reports (a failed connection attempt each backoff step while the
        // database is away) only from warnings up: the 503s say it once per request.
        var background = logger
        background.logLevel = max(logger.logLevel, .warning)
        var configuration = url.clientConfiguration
        configuration.options.maximumConnections = max(1, poolSize)
        client = PostgresClient(configuration: configuration, backgroundLogger: background)
        let client = self.client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes the pool; the store cannot be used afterwards.
    public func close() { runner.cancel() }

    /// One round trip: a database that cannot be reached gives one line, not a stack of NIO errors.
    private func checkReachable(within seconds: Int) async throws(BackendError) {
        do {
            _ = try await withTimeout(seconds: seconds) { [client] in try await client.query("SELECT 1").collect() }
        } catch {
            throw .unavailable("Cannot reach PostgreSQL at \(location): \(Self.describe(error, within: seconds))")
        }
    }

    /// How long (seconds) one request's work may wait for and use the database before it is
    /// answered 503: while PostgreSQL is away the pool holds requests back, and none may hang
    /// its client. Nil: no limit.
    let requestDeadline: Int?
    public static let defaultRequestDeadline = 5

    /// Runs a read on a pooled connection, within the request deadline unless not `limited`
    /// (copies and migrations take as long as they take).
    @discardableResult
    func read<T: Sendable>(
        limited: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(BackendError) -> T {
        let client = client
        do {
            return try await Self.limited(limited ? requestDeadline : nil) { try await client.withConnection { connection in try await body(connection) } }
        } catch {
            throw backendError(error)
        }
    }

    /// Runs `body` in one transaction, within the request deadline unless not `limited`: everything or nothing is
    /// written (past the deadline the request is answered 503 and the transaction rolled back,
    /// unless its commit was already on its way).
    @discardableResult
    func transaction<T: Sendable>(
        limited: Bool = true, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws(BackendError) -> T {
        let client = client
        let logger = logger
        do {
            return try await Self.limited(limited ? requestDeadline : nil) {
                try await client.withTransaction(logger: logger) { connection in try await body(connection) }
            }
        } catch {
            throw backendError(error)
        }
    }

    private static func limited<T: Sendable>(_ seconds: Int?, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let seconds else { return try await body() }
        return try await withTimeout(seconds: seconds, body)
    }

    /// A domain error passes through; anything else becomes `.unavailable` and is logged by its
    /// kind and SQLSTATE only (a server's message or detail may quote values).
    func backendError(_ error: any Error) -> BackendError {
        let mapped = Self.backendError(error)
        if mapped == .unavailable(BackendError.serviceUnavailableMessage) {
            var metadata: Logger.Metadata = ["error.type": "\(type(of: error))"]
            if let error = error as? PSQLError {
                metadata["psql.code"] = "\(error.code)"
                if let state = error.serverInfo?[.sqlState] { metadata["psql.sqlstate"] = "\(state)" }
            }
            logger.error("database request failed", metadata: metadata)
        }
        return mapped
    }

    static func backendError(_ error: any Error) -> BackendError {
        if let error = error as? BackendError { return error }
        if let error = error as? PostgresTransactionError {
            if let inner = error.closureError as? BackendError { return inner }
            if let inner = error.closureError ?? error.beginError ?? error.commitError { return backendError(inner) }
        }
        return .unavailable(BackendError.serviceUnavailableMessage)
    }

    /// PostgreSQL's own message (it names no row values for the errors ecm can meet), or the
    /// kind of connection failure.
    static func describe(_ error: any Error, within seconds: Int = 10) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return error.code.description
        }
        if error is TimeoutError { return "no answer within \(seconds) s" }
        return String(describing: error)
    }
}

/// A deadline on one piece of work.
struct TimeoutError: Error {}

/// Runs `body`, or throws `TimeoutError` after `seconds` without waiting for it: a request
/// queued in the pool while the database is away does not answer cancellation at once, and its
/// client must not wait for it. The work left behind is cancelled.
func withTimeout<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let outcome = Outcome<T>()
    return try await withCheckedThrowingContinuation { continuation in
        outcome.start(continuation)
        let work = Task {
            do {
                outcome.finish(.success(try await body()))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        let timer = Task {
            try await Task.sleep(for: .seconds(seconds))
            outcome.finish(.failure(TimeoutError()))
            work.cancel()
        }
        outcome.onFinish { timer.cancel() }
    }
}

/// The first of the work and the timer to finish resumes the caller; the other is ignored.
private final class Outcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var result: Result<T, any Error>?
    private var finished: (@Sendable () -> Void)?

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        lock.withLock { self.continuation = continuation }
    }

    func onFinish(_ action: @escaping @Sendable () -> Void) {
        let done = lock.withLock { () -> Bool in
            if result != nil { return true }
            finished = action
            return false
        }
        if done { action() }
    }

    func finish(_ outcome: Result<T, any Error>) {
        let (continuation, action) = lock.withLock { () -> (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) in
            guard result == nil else { return (nil, nil) }
            result = outcome
            defer { self.continuation = nil }
            return (self.continuation, finished)
        }
        continuation?.resume(with: outcome)
        action?()
    }
}
