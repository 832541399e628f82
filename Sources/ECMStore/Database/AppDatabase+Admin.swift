import ECMDomain
import GRDB

/// Set-up operations that are not part of `ActivityBackend`: the care team and the caseload are
/// managed by whoever runs the store or the server, not by the acting user.
extension AppDatabase {
    /// Adds a member of the care team and returns it. `id` keeps an id from another system.
    public func addUser(name: String, id: Int64? = nil) throws(BackendError) -> User {
        let name = try SetupRules.name(name)
        return try writeNow { db in
            try Self.requireFreeID(db, table: "users", id: id, name: "User")
            try db.execute(
                sql: "INSERT INTO users (id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
                arguments: [id, name, SearchKey.fold(name), Timestamp.now().milliseconds])
            return User(id: db.lastInsertedRowID, name: name)
        }
    }

    /// Adds a patient and returns it. `id` keeps an id from another system.
    public func addPatient(name: String, dateOfBirth: String?, id: Int64? = nil) throws(BackendError) -> Patient {
        let name = try SetupRules.name(name)
        let dob = try SetupRules.dateOfBirth(dateOfBirth, today: .today())
        return try writeNow { db in
            try Self.requireFreeID(db, table: "patients", id: id, name: "Patient")
            try db.execute(
                sql: "INSERT INTO patients (id, name, name_key, date_of_birth, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, name, SearchKey.fold(name), dob?.iso8601, Timestamp.now().milliseconds])
            return Patient(id: db.lastInsertedRowID, name: name, dateOfBirth: dob)
        }
    }

    /// Whether a user with this id exists.
    public func userExists(id: Int64) throws(BackendError) -> Bool {
        try readNow { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM users WHERE id = ?", arguments: [id]) != nil }
    }

    /// The first user, by id: the acting user of a store when none is named.
    public func firstUserID() throws(BackendError) -> Int64? {
        try readNow { db in try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM users") }
    }

    private static func requireFreeID(_ db: Database, table: String, id: Int64?, name: String) throws {
        try SetupRules.keptID(id)
        guard let id else { return }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil {
            throw BackendError.validation(["\(name) \(id) already exists"])
        }
    }
}

/// The operator's policy on the SQLite store.
extension AppDatabase {
    public func storePolicy() async throws(BackendError) -> StorePolicy {
        try readNow { db in
            StorePolicy(idleLockOptional: try Bool.fetchOne(db, sql: "SELECT idle_lock_optional FROM store_policy WHERE id = 1") ?? false)
        }
    }

    public func setStorePolicy(_ policy: StorePolicy) async throws(BackendError) {
        try await write { db in
            try db.execute(sql: "UPDATE store_policy SET idle_lock_optional = ? WHERE id = 1", arguments: [policy.idleLockOptional])
        }
    }
}
