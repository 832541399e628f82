import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log back into the database file on a thread of its own, so that no
/// write waits for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses the threshold: copying
/// 16 MB of pages and syncing the file landed on one request in a few hundred (30–40 ms, the
/// p99 of creating over HTTP). The writer connection instead tells this object how long the log
/// is after each commit (`sqlite3_wal_hook`); past `threshold` frames a passive checkpoint runs
/// on a connection of its own, which neither waits for nor blocks readers and the writer. Should
/// it fall behind (`limit`), the writer checkpoints inline, as SQLite would.
///
/// That inline checkpoint is also what keeps the log bounded. A checkpoint beside a stream of
/// writes never copies back the frames written while it ran, and SQLite starts the log again
/// only when a write begins with every frame copied back, so the log restarts only after the
/// writer's own. While readers keep the log from restarting, every commit past `limit` pays one
/// (two `fdatasync`s): the server's POST p99 of about 50 ms. Counting only frames written since
/// the last checkpoint removed that cost (p99 7 ms) and let the log grow by 240 MB a second
/// under the POST benchmark; rationing the writer's checkpoints to one per 1,000–4,000 frames
/// bounded it at about 80 MB with the same p99 as this (BENCHMARKS.md, round 3).
///
/// That connection is opened for each checkpoint and closed after it (one every 16 MB of log):
/// held open, it would outlive the writer's, and SQLite removes the log only when the last
/// connection to the file closes — a closed store would still need its `-wal` file.
final class Checkpointer: @unchecked Sendable {
    private let path: String
    private let threshold: Int32
    private let limit: Int32
    private let queue = DispatchQueue(label: "ecm.checkpoint", qos: .utility)
    /// A checkpoint is queued or running.
    private let scheduled = Atomic<Bool>(false)
    /// A commit left the log past the threshold since the last checkpoint began.
    private let requested = Atomic<Bool>(false)

    init(path: String, threshold: Int32 = 4_000, limit: Int32 = 16_000) {
        self.path = path
        self.threshold = threshold
        self.limit = limit
    }

    /// Installs the hook on the writer connection. SQLite keeps an unretained pointer: the pool's
    /// configuration, whose `prepareDatabase` calls this, keeps the object alive as long as the
    /// writer connection.
    func watch(_ db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, walHook, Unmanaged.passUnretained(self).toOpaque())
    }

    /// After every commit of the writer, with the log's length in frames (pages).
    fileprivate func logGrew(to frames: Int32, writer: OpaquePointer?) {
        if frames >= limit {
            sqlite3_wal_checkpoint_v2(writer, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return
        }
        guard frames >= threshold else { return }
        requested.store(true, ordering: .releasing)
        schedule()
    }

    /// Starts a checkpoint unless one is running; one running when a request arrives runs again.
    private func schedule() {
        guard !scheduled.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async { [self] in
            while requested.exchange(false, ordering: .acquiringAndReleasing) { checkpoint() }
            scheduled.store(false, ordering: .releasing)
            // A request that came after the loop's last look and before `scheduled` was cleared.
            if requested.load(ordering: .acquiring) { schedule() }
        }
    }

    /// On `queue` only, on a connection of its own that closes when it returns.
    private func checkpoint() {
        do {
            var configuration = Configuration()
            configuration.label = "ecm.checkpoint"
            let connection = try DatabaseQueue(path: path, configuration: configuration)
            try connection.writeWithoutTransaction { db in
                _ = try db.checkpoint(.passive)
            }
            try connection.close()
        } catch {
            // The writer's inline checkpoint at `limit` still bounds the log.
        }
    }
}

private let walHook: @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
    context, writer, _, frames in
    guard let context else { return SQLITE_OK }
    Unmanaged<Checkpointer>.fromOpaque(context).takeUnretainedValue().logGrew(to: frames, writer: writer)
    return SQLITE_OK
}
