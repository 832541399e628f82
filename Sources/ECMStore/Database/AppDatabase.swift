import ECMDomain
import Foundation
import GRDB

/// Owns the SQLite file: opens it safely, migrates it, and hands out its writer.
///
/// A file that is not SQLite, a SQLite file of another application, or a store written by a
/// newer ecm is refused before anything is written to it.
public final class AppDatabase: Sendable {
    /// `PRAGMA application_id` of every ecm store ("ECM1").
    static let applicationID: Int32 = 0x4543_4D31

    public let path: String
    let writer: DatabasePool
    private let readers: ReaderConnections

    private init(path: String, writer: DatabasePool, readers: ReaderConnections) {
        self.path = path
        self.writer = writer
        self.readers = readers
    }

    /// Opens an existing store. With `create`, makes the file (and its folder) when missing.
    public static func open(path: String, create: Bool = false) throws(BackendError) -> AppDatabase {
        let fileManager = FileManager.default
        let exists = fileManager.fileExists(atPath: path)
        if !exists {
            guard create else {
                throw .unavailable("No ecm store at \(path) (create one with `ecm init`)")
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try fileManager.createDirectory(
                        atPath: folder, withIntermediateDirectories: true,
                        attributes: [.posixPermissions: 0o700])
                } catch {
                    throw .unavailable("Cannot create the folder \(folder): \(error.localizedDescription)")
                }
            }
            // Only the owner may read a store of health information. Made before SQLite opens
            // it, because SQLite gives the -wal and -shm files the mode of the main file.
            guard fileManager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw .unavailable("Cannot create the ecm store at \(path)")
            }
        } else {
            try StoreFile.check(path: path, knownMigrations: Migrations.identifiers)
        }
        let pool: DatabasePool
        let checkpointer = Checkpointer(path: path)
        let settings = configuration(checkpointer)
        do {
            pool = try DatabasePool(path: path, configuration: settings)
            try Migrations.migrator.migrate(pool)
        } catch {
            throw .unavailable("Cannot open the ecm store at \(path): \(StoreError.describe(error))")
        }
        return AppDatabase(path: path, writer: pool, readers: ReaderConnections(path: path, configuration: settings))
    }

    private static func configuration(_ checkpointer: Checkpointer) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Other processes (a second `ecm`, an `ecm-server`) may hold the write lock briefly.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Statement journals (a write whose triggers may have to be undone alone) and sorts
            // stay in memory rather than in a temporary file written page by page.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if db.configuration.readonly {
                // Reads run on the caller's thread (a server's few shared threads): a reader
                // waits on a lock only in SQLite's rare log recovery, and then not for long.
                try db.execute(sql: "PRAGMA busy_timeout = 1000")
            } else {
                // The one writer touches a dozen index pages per activity it creates: it keeps
                // 16 MB of them (readers keep SQLite's default 2 MB, so a UI stays small). Its
                // log is copied back every 16 MB, off the writer's thread (`Checkpointer`).
                try db.execute(sql: "PRAGMA cache_size = -16384")
                checkpointer.watch(db)
            }
        }
        return configuration
    }

    /// Runs `body` in a write transaction; domain errors pass through, others become `.unavailable`.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(BackendError) -> T {
        do {
            return try await writer.write(body)
        } catch {
            throw StoreError.backendError(error)
        }
    }

    /// Runs `body` on a read-only snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(BackendError) -> T {
        try readNow(body)
    }

    /// Synchronous write, for command-line set-up and the demo generator.
    func writeNow<T>(_ body: (Database) throws -> T) throws(BackendError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError.backendError(error)
        }
    }

    /// `body` in one read transaction, on the calling thread, on a connection of `readers`.
    ///
    /// The transaction is begun and ended by statements the connection compiled once: GRDB's
    /// `read` compiles `BEGIN` and `COMMIT` afresh each time (each with its authorizer pass) and
    /// wraps them in a savepoint. The snapshot is the same: one deferred transaction for
    /// everything `body` reads.
    func readNow<T>(_ body: (Database) throws -> T) throws(BackendError) -> T {
        do {
            return try readers.withConnection { connection in
                try connection.inDatabase { db in
                    try db.execute(cached: "BEGIN DEFERRED TRANSACTION")
                    let value: T
                    do {
                        value = try body(db)
                    } catch {
                        try? db.execute(cached: "ROLLBACK TRANSACTION")
                        throw error
                    }
                    try db.execute(cached: "COMMIT TRANSACTION")
                    return value
                }
            }
        } catch {
            throw StoreError.backendError(error)
        }
    }
}

enum StoreError {
    static func backendError(_ error: any Error) -> BackendError {
        if let error = error as? BackendError { return error }
        return .unavailable("Store error: \(describe(error))")
    }

    /// SQLite's own message, which names no values, only what went wrong.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            return error.message ?? "SQLite error \(error.resultCode.rawValue)"
        }
        return String(describing: error)
    }
}
