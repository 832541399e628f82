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
    private let runner: Task<Void, Never>
    let logger: Logger

    /// Connects to the database the URL names and migrates it (under an advisory lock, so two
    /// servers starting together migrate once). A database written by a newer ecm is refused.
    public static func open(_ url: PostgresURL, logger: Logger = Logger(label: "ecm.postgres")) async throws(BackendError) -> PostgresStore {
        let store = PostgresStore(url, logger: logger)
        do {
            try await store.checkReachable()
            try await PostgresMigrations.migrate(store)
        } catch {
            store.close()
            throw error
        }
        return store
    }

    private init(_ url: PostgresURL, logger: Logger) {
        location = url.redacted
        self.logger = logger
        client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger)
        let client = self.client
        runner = Task { await client.run() }
    }

    deinit { runner.cancel() }

    /// Closes the pool; the store cannot be used afterwards.
    public func close() { runner.cancel() }

    /// One round trip: a database that cannot be reached gives one line, not a stack of NIO errors.
    private func checkReachable() async throws(BackendError) {
        do {
            _ = try await withTimeout(seconds: 10) { [client] in try await client.query("SELECT 1").collect() }
        } catch {
            throw .unavailable("Cannot reach PostgreSQL at \(location): \(Self.describe(error))")
        }
    }

    /// Runs a read on a pooled connection.
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(BackendError) -> T {
        do {
            return try await client.withConnection { connection in try await body(connection) }
        } catch {
            throw Self.backendError(error)
        }
    }

    /// Runs `body` in one transaction: everything or nothing is written.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws(BackendError) -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch {
            throw Self.backendError(error)
        }
    }

    /// A domain error passes through; a failure of PostgreSQL becomes `.unavailable`.
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
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return String(describing: underlying) }
            return error.code.description
        }
        if error is TimeoutError { return "no answer within 10 s" }
        return String(describing: error)
    }
}

/// A deadline on one piece of work.
struct TimeoutError: Error {}

func withTimeout<T: Sendable>(seconds: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
