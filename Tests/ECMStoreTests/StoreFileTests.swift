import ECMDomain
import ECMStore
import ECMTestSupport
import Foundation
import GRDB
import Testing

/// Opening files that are not (or not yet, or no longer) ecm stores: refused clearly, untouched.
struct StoreFileTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    private func refusal(_ path: String, create: Bool = false) -> String? {
        do {
            _ = try AppDatabase.open(path: path, create: create)
            return nil
        } catch {
            guard case .unavailable(let message) = error else { return "unexpected \(error)" }
            return message
        }
    }

    private func siblings(_ path: String) -> [String] {
        ["-wal", "-shm", "-journal"].filter { FileManager.default.fileExists(atPath: path + $0) }
    }

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftUntouched() throws {
        defer { directory.remove() }
        let path = directory.file("notes.txt")
        let original = Data("Patient list, do not lose\n".utf8)
        try original.write(to: URL(fileURLWithPath: path))
        let message = try #require(refusal(path, create: true))
        #expect(message.contains("is not an ecm store (not a SQLite database)"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        #expect(siblings(path).isEmpty)
    }

    @Test func anotherApplicationsDatabaseIsRefusedAndLeftUntouched() throws {
        defer { directory.remove() }
        let path = directory.file("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let message = try #require(refusal(path, create: true))
        #expect(message.contains("of another application"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aStoreWrittenByANewerVersionIsRefused() throws {
        defer { directory.remove() }
        let path = directory.file("store.sqlite")
        _ = try AppDatabase.open(path: path, create: true)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let message = try #require(refusal(path))
        #expect(message.contains("was written by a newer version of ecm"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func aMissingStoreIsNotCreatedByReadersAndExplainsHow() throws {
        defer { directory.remove() }
        let path = directory.file("missing.sqlite")
        let message = try #require(refusal(path))
        #expect(message.contains("No ecm store at \(path)"))
        #expect(message.contains("ecm init"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aNewStoreIsPrivateAndOpeningItAgainIsHarmless() throws {
        defer { directory.remove() }
        let path = directory.file("nested/folder/store.sqlite")
        let database = try AppDatabase.open(path: path, create: true)
        _ = try database.addUser(name: "Jane Coordinator")
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600, "\(file)")
        }
        let folder = try FileManager.default.attributesOfItem(atPath: directory.file("nested/folder"))
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let again = try AppDatabase.open(path: path, create: true)
        #expect(try again.firstUserID() != nil)
    }

    @Test func anEmptyFileBecomesAStore() throws {
        defer { directory.remove() }
        let path = directory.file("empty.sqlite")
        FileManager.default.createFile(atPath: path, contents: Data())
        let database = try AppDatabase.open(path: path)
        #expect(try database.addUser(name: "Jane").id == 1)
    }
}
