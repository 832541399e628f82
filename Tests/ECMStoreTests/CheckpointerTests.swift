import ECMDomain
import ECMTestSupport
import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import Testing

@testable import ECMStore

/// The write-ahead log is copied back by the checkpointer's own connection, not by the commit.
struct CheckpointerTests {
    private func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    @Test func theLogIsCopiedBackOffTheWritersThread() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("checkpoint.sqlite")
        // A threshold of 20 pages, far below SQLite's own automatic checkpoint (1,000), and a
        // limit the test never reaches: only the checkpointer can copy pages back.
        let checkpointer = Checkpointer(path: path, threshold: 20, limit: 1_000_000)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { checkpointer.watch(db) }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE notes (body BLOB)") }
        let before = size(path)
        for _ in 0..<40 {
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO notes VALUES (?)", arguments: [Data(count: 8_000)])
            }
        }
        // 40 commits of two or three pages each, past the threshold again and again: the main
        // file grows as checkpoints run (the last few commits may stay in the log, below the
        // threshold); the writer never runs one.
        let written = before + 20 * 8_000
        let deadline = ContinuousClock.now + .seconds(20)
        while size(path) < written, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(size(path) >= written, "the main file was never written: no checkpoint ran")
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes") } == 40)
        try pool.close()
    }

    /// A stream of writes with readers coming and going keeps the log near its limit: a
    /// checkpoint beside the writes never copies back the frames written while it ran, so the
    /// log restarts only after one run by the writer itself. (Counting only frames written since
    /// the last checkpoint, the log of the POST benchmark grew to 3.6 GB in ten seconds.)
    @Test func aStreamOfWritesWithReadersKeepsTheLogBounded() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("checkpoint.sqlite")
        let checkpointer = Checkpointer(path: path, threshold: 20, limit: 100)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { checkpointer.watch(db) }
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try await pool.write { db in try db.execute(sql: "CREATE TABLE notes (body BLOB)") }
        let writing = Atomic<Bool>(true)
        let reader = Task.detached {
            let connection = try DatabaseQueue(path: path)
            // Short reads with short gaps, as a server's requests come and go.
            while writing.load(ordering: .relaxed) {
                _ = try await connection.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM notes") }
                try await Task.sleep(for: .milliseconds(1))
            }
            try connection.close()
        }
        for _ in 0..<2_000 {  // a few frames each: about 8,000 frames in all
            try await pool.write { db in
                try db.execute(sql: "INSERT INTO notes VALUES (?)", arguments: [Data(count: 5_000)])
            }
        }
        writing.store(false, ordering: .relaxed)
        try await reader.value
        let frames = (size(path + "-wal") - 32) / (4_096 + 24)
        // Bounded, not exact: a loaded run has left 1,287 and 1,771 frames behind; the defect
        // this guards against grows the log without end (8,000 frames and more here).
        #expect(frames <= 3_000, "the log grew to \(frames) frames; its limit is 100")
        try pool.close()
    }

    @Test func aStoreStaysReadableAcrossManyCheckpoints() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("store.sqlite")
        var database: AppDatabase? = try AppDatabase.open(path: path, create: true)
        let userID = try database!.addUser(name: "Jane Coordinator").id
        let patientID = try database!.addPatient(name: "John Doe", dateOfBirth: nil).id
        let backend = StoreBackend(database: database!, actingUserID: userID)
        for index in 0..<600 {  // about 18 pages each: several checkpoints' worth of log
            var input = ActivityInput()
            input.activityType = .value("task")
            input.message = .value("Call back about housing, #\(index)")
            input.assignedToID = .value(userID)
            _ = try await backend.createActivity(patientID: patientID, input: input)
        }
        database = nil  // closes the pool, then the checkpointer
        let reopened = try AppDatabase.open(path: path)
        let page = try await StoreBackend(database: reopened, actingUserID: userID)
            .activities(patientID: patientID, query: .init())
        #expect(page.pagination.totalCount == 600)
    }

    /// A store closed after its checkpointer ran leaves no log behind: the file alone is the
    /// whole store, to copy, back up or hand to `sqlite3`. (The checkpointer kept a connection
    /// open, so the writer's close was not the last and SQLite kept the log: a copied workload
    /// of the benchmarks lost the 176 MB it held.)
    @Test func closingTheStoreRemovesTheLog() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("store.sqlite")
        try await Self.createActivities(600, in: path)  // several checkpoints' worth of log
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the log outlived the store")
        let reopened = try AppDatabase.open(path: path)
        let page = try await StoreBackend(database: reopened, actingUserID: 1).activities(patientID: 1, query: .init())
        #expect(page.pagination.totalCount == 600)
    }

    /// Opens a store, creates `count` tasks and closes it (everything it opened goes out of scope).
    private static func createActivities(_ count: Int, in path: String) async throws {
        let database = try AppDatabase.open(path: path, create: true)
        let userID = try database.addUser(name: "Jane Coordinator").id
        let patientID = try database.addPatient(name: "John Doe", dateOfBirth: nil).id
        let backend = StoreBackend(database: database, actingUserID: userID)
        for index in 0..<count {
            var input = ActivityInput()
            input.activityType = .value("task")
            input.message = .value("Call back about housing, #\(index)")
            input.assignedToID = .value(userID)
            _ = try await backend.createActivity(patientID: patientID, input: input)
        }
        // Let a checkpoint that the last commits asked for finish, as a process's last
        // requests would before it exits.
        try await Task.sleep(for: .milliseconds(200))
    }
}
