import ECMDomain
import GRDB

/// Set-up operations that are not part of `ActivityBackend`: the care team and the caseload are
/// managed by whoever runs the store or the server, not by the acting user.
extension AppDatabase {
    /// Adds a member of the care team and returns it. `id` keeps an id from another system.
    public func addUser(name: String, id: Int64? = nil) throws(BackendError) -> User {
        let name = try Self.validName(name)
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
        let name = try Self.validName(name)
        var dob: CivilDate?
        if let text = dateOfBirth, !text.isBlank {
            guard let date = CivilDate(iso8601: text.trimmingCharacters(in: .whitespaces)),
                date.year >= 1900, date <= CivilDate(daysSinceEpoch: Timestamp.now().milliseconds / 86_400_000)
            else { throw .validation([ValidationMessage.dateOfBirthInvalid]) }
            dob = date
        }
        return try writeNow { db in
            try Self.requireFreeID(db, table: "patients", id: id, name: "Patient")
            try db.execute(
                sql: "INSERT INTO patients (id, name, name_key, date_of_birth, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, name, SearchKey.fold(name), dob?.iso8601, Timestamp.now().milliseconds])
            return Patient(id: db.lastInsertedRowID, name: name, dateOfBirth: dob)
        }
    }

    /// The first user, by id: the acting user of a store when none is named.
    public func firstUserID() throws(BackendError) -> Int64? {
        try readNow { db in try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM users") }
    }

    private static func requireFreeID(_ db: Database, table: String, id: Int64?, name: String) throws {
        guard let id else { return }
        guard id > 0 else { throw BackendError.validation(["Id must be greater than 0"]) }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE id = ?", arguments: [id]) != nil {
            throw BackendError.validation(["\(name) \(id) already exists"])
        }
    }

    private static func validName(_ name: String) throws(BackendError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .validation([ValidationMessage.nameBlank]) }
        if trimmed.containsNullCharacter { throw .validation([ValidationMessage.nullCharacter(named: "Name")]) }
        if trimmed.count > 200 { throw .validation([ValidationMessage.nameTooLong]) }
        return trimmed
    }
}
