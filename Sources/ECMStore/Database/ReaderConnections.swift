import GRDB
import Synchronization

/// Read-only connections to the store, handed to one caller at a time, made when none is free.
///
/// GRDB's pool of readers asks for a connection through a semaphore, a read-write lock and a
/// key path, and checks the schema version with a query before every read: on a server that
/// reads twice per request (the token, then the page) that was a tenth of its CPU, more than
/// the token's own query (BENCHMARKS.md, round 3). Here taking a connection is one uncontended
/// lock; a server's event loops each end up with one connection, a UI with one or two. The
/// schema of an open store changes only by migration, which happens before any read.
final class ReaderConnections: Sendable {
    private let path: String
    private let configuration: Configuration
    private let idle = Mutex<[DatabaseQueue]>([])
    /// Every connection made, to close them all when the store closes.
    private let all = Mutex<[DatabaseQueue]>([])

    init(path: String, configuration: Configuration) {
        var configuration = configuration
        configuration.readonly = true
        configuration.label = "ecm.reader"
        self.path = path
        self.configuration = configuration
    }

    deinit {
        for connection in all.withLock({ $0 }) { try? connection.close() }
    }

    /// Runs `body` on a connection no other caller is using, on the calling thread.
    func withConnection<T>(_ body: (DatabaseQueue) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer { idle.withLock { $0.append(connection) } }
        return try body(connection)
    }

    private func open() throws -> DatabaseQueue {
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        all.withLock { $0.append(connection) }
        return connection
    }
}
