import Foundation
import Testing

/// The PostgreSQL cluster the tests may use: `ECM_TEST_POSTGRES_URL`
/// (`postgres://USER[:PASSWORD]@HOST:PORT/DB`, a database the user may create databases from).
/// Without it the PostgreSQL suites are skipped, with one line each; under CI they fail instead
/// (`PostgresRequiredInCITests`), so CI cannot pass without running them.
public enum TestPostgres {
    public static var url: String? {
        guard let url = ProcessInfo.processInfo.environment["ECM_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    public static var isAvailable: Bool { url != nil }

    /// Connections each store or server of a test may open: the suites run at once, and the
    /// cluster serves 100 in all.
    public static let poolSize = 3
    /// How long a test waits for a fresh database's first answer: with every suite at once on
    /// two cores, creating ~90 databases, a first connection took over the server's 10 s.
    public static let reachableWithin = 60
    // Stores opened in the test process itself take `requestDeadline: nil`: with every suite
    // at once on two cores, tests that wait synchronously can hold the task pool for seconds.

    public static let skipReason: Testing.Comment = "ECM_TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (scripts/with-postgres.sh swift test runs them)"

    /// A new, empty database on the test cluster, dropped by `drop()`.
    public struct Database: Sendable {
        public let name: String
        /// Its URL, for `ecm-server --db` and `PostgresURL`.
        public let url: String

        /// Drops it on a thread of its own, without waiting: DROP DATABASE waits for every
        /// session of the cluster to answer a signal, among them other tests' sessions that wait
        /// for this process, whose task threads must not be held meanwhile.
        public func drop() {
            let name = self.name
            Thread.detachNewThread { try? TestPostgres.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        }
    }

    /// Made by `psql` on a thread of its own, for the reason `drop` gives.
    public static func createDatabase() async throws -> Database {
        guard let base = url, var components = URLComponents(string: base) else { throw Missing() }
        let name = "ecm_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await offThePool { try psql("CREATE DATABASE \(name)") }
        components.path = "/" + name
        return Database(name: name, url: components.string!)
    }

    /// Runs blocking work on a thread of its own and waits for it without holding a task thread.
    public static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "ECM_TEST_POSTGRES_URL is not set" }
    }

    struct PsqlFailed: Error, CustomStringConvertible {
        let description: String
    }

    /// The first column of the first row of `sql`, run by `psql` on the database at `url`.
    public static func value(_ sql: String, at url: String) async throws -> String {
        try await offThePool {
            let process = ChildProcess()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-A", "-t", "-q", "-c", sql]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let text = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw PsqlFailed(description: "psql failed on \(sql)") }
            return String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Runs one statement with `psql` against the cluster's own database.
    static func psql(_ sql: String) throws {
        guard let url else { throw Missing() }
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PsqlFailed(description: "psql: " + String(decoding: message, as: UTF8.self))
        }
    }
}
