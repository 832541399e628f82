import ECMDomain
import PostgresNIO

/// Saved views (extension `/v1/clinic/views`), on `SavedViewSQL`, as the SQLite store keeps them.
extension PostgresBackend {
    public func views(page: PageRequest) async throws(BackendError) -> Page<SavedView> {
        try page.validate()
        let logger = logger
        return try await read { connection, user in
            let total = try await connection.value(Int64.self, SQLBuilder.query(SavedViewSQL.count, user.id, user.clinicID), logger: logger) ?? 0
            let items = try await connection.rows(
                SQLBuilder.query(SavedViewSQL.page, user.id, user.clinicID, Int64(page.size), Int64(page.offset)), logger: logger
            ).map(Self.savedView)
            return Page(items: items, pagination: Pagination(page: page.page, perPage: page.size, totalCount: Int(total)))
        }
    }

    public func createView(_ change: ViewChange) async throws(BackendError) -> SavedView {
        let logger = logger
        return try await write(patientID: nil, audit: { AuditTarget(.create, "view", resourceID: $0.id) }) { connection, user in
            try await Self.saveView(connection, user: user, id: nil, change, logger: logger)
        }
    }

    public func updateView(id: Int64, _ change: ViewChange) async throws(BackendError) -> SavedView {
        let logger = logger
        return try await write(patientID: nil, audit: { _ in AuditTarget(.update, "view", resourceID: id) }) { connection, user in
            try await Self.saveView(connection, user: user, id: id, change, logger: logger)
        }
    }

    public func deleteView(id: Int64) async throws(BackendError) {
        let logger = logger
        try await write(patientID: nil, audit: { _ in AuditTarget(.delete, "view", resourceID: id) }) { connection, user in
            _ = try await Self.ownView(connection, user: user, id: id, logger: logger)
            try await connection.query(SQLBuilder.query(SavedViewSQL.delete, id), logger: logger)
        }
    }

    /// The view, when the user may see it; `.forbidden` when it is someone else's shared one.
    static func ownView(_ connection: PostgresConnection, user: User, id: Int64, logger: Logger) async throws -> SavedView {
        guard let row = try await connection.row(SQLBuilder.query(SavedViewSQL.one, id, user.id, user.clinicID), logger: logger) else {
            throw BackendError.viewNotFound
        }
        let view = try savedView(row)
        guard view.userID == user.id else { throw BackendError.forbidden }
        return view
    }

    private static func saveView(
        _ connection: PostgresConnection, user: User, id: Int64?, _ change: ViewChange, logger: Logger
    ) async throws -> SavedView {
        var existing: SavedView?
        if let id { existing = try await ownView(connection, user: user, id: id, logger: logger) }
        let (name, filters, shared, invalid) = SavedViewSQL.merged(change, into: existing)
        // One writer of a user's views at a time: the name check and the write cannot interleave.
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.viewLockSpace), \(Int32(truncatingIfNeeded: user.id)))", logger: logger)
        var messages = invalid
        if try await connection.exists(SQLBuilder.query(SavedViewSQL.nameTaken, user.id, name, id ?? 0), logger: logger) {
            messages.append(ViewChange.takenNameMessage)
        }
        if let assignee = filters.assignedToID,
            try await !connection.exists(SQLBuilder.query(SavedViewSQL.userInClinic, assignee, user.clinicID), logger: logger)
        {
            messages.append(ViewChange.assigneeMessage)
        }
        if let patient = filters.patientID,
            try await !connection.exists(SQLBuilder.query(SavedViewSQL.patientInClinic, patient, user.clinicID), logger: logger)
        {
            messages.append(ViewChange.patientMessage)
        }
        guard messages.isEmpty else { throw BackendError.validation(messages) }
        let now = Timestamp.now().milliseconds
        let viewID: Int64
        if let id {
            try await connection.query(SQLBuilder.query(SavedViewSQL.update, name, filters.storedJSON, Int64(shared ? 1 : 0), now, id), logger: logger)
            viewID = id
        } else {
            guard let inserted = try await connection.value(
                Int64.self, SQLBuilder.query(SavedViewSQL.insert, user.id, name, filters.storedJSON, Int64(shared ? 1 : 0), now, now), logger: logger)
            else { throw BackendError.unavailable(BackendError.serviceUnavailableMessage) }
            viewID = inserted
        }
        return SavedView(id: viewID, name: name, filters: filters, shared: shared, userID: user.id, userName: user.name)
    }

    /// The advisory lock space of a user's saved views (with the user's id).
    static let viewLockSpace: Int32 = 0x5649

    static func savedView(_ row: PostgresRandomAccessRow) throws -> SavedView {
        SavedView(
            id: try row[0].decode(Int64.self), name: try row[1].decode(String.self),
            filters: ViewFilters(storedJSON: try row[2].decode(String.self)), shared: try row[3].decode(Int32.self) != 0,
            userID: try row[4].decode(Int64.self), userName: try row[5].decode(String.self))
    }
}
