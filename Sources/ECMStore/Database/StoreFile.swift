import ECMDomain
import Foundation
import GRDB

/// Checks an existing file before the store opens it for writing, so that a file that is not an
/// ecm store is left exactly as it was.
enum StoreFile {
    static func check(path: String, knownMigrations: [String]) throws(BackendError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .unavailable("\(path) is a folder, not an ecm store")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .unavailable("Cannot read \(path): permission denied")
        }
        let header = (try? handle.read(upToCount: 16)) ?? nil
        try? handle.close()
        guard let header, !header.isEmpty else { return }  // an empty file becomes a new store
        guard header == Data("SQLite format 3\0".utf8) else {
            throw .unavailable("\(path) is not an ecm store (not a SQLite database); it was left untouched")
        }
        var configuration = Configuration()
        configuration.readonly = true
        // Another process may be writing right now; wait for it like the store itself does.
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tableCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") ?? 0
                if applicationID == 0 && tableCount == 0 { return }
                guard applicationID == AppDatabase.applicationID else {
                    throw BackendError.unavailable(
                        "\(path) is a SQLite database of another application, not an ecm store; it was left untouched")
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                let unknown = applied.filter { !knownMigrations.contains($0) }
                if !unknown.isEmpty {
                    throw BackendError.unavailable(
                        "\(path) was written by a newer version of ecm (schema \(unknown.last!)); upgrade ecm to open it")
                }
            }
        } catch let error as BackendError {
            throw error
        } catch {
            throw .unavailable("\(path) is not a usable ecm store: \(StoreError.describe(error))")
        }
    }
}
