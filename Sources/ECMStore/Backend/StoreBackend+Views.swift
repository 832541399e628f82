import ECMDomain
import GRDB

/// Saved views (extension `/v1/clinic/views`), on `SavedViewSQL`.
extension StoreBackend {
    public func views(page: PageRequest) async throws(BackendError) -> Page<SavedView> {
        try page.validate()
        return try await read { db, user in
            let total = try Int.fetchOne(db, cached: SavedViewSQL.count, arguments: [user.id, user.clinicID]) ?? 0
            let items = try Row.fetchAll(
                db, cached: SavedViewSQL.page, arguments: [user.id, user.clinicID, page.size, page.offset], as: Self.savedView)
            return Page(items: items, pagination: Pagination(page: page.page, perPage: page.size, totalCount: total))
        }
    }

    public func createView(_ change: ViewChange) async throws(BackendError) -> SavedView {
        try await write(audit: { AuditTarget(.create, "view", resourceID: $0.id) }, failed: AuditTarget(.create, "view")) { db, user in
            try Self.saveView(db, user: user, id: nil, change)
        }
    }

    public func updateView(id: Int64, _ change: ViewChange) async throws(BackendError) -> SavedView {
        try await write(audit: { _ in AuditTarget(.update, "view", resourceID: id) }, failed: AuditTarget(.update, "view", resourceID: id)) {
            db, user in try Self.saveView(db, user: user, id: id, change)
        }
    }

    public func deleteView(id: Int64) async throws(BackendError) {
        try await write(audit: { _ in AuditTarget(.delete, "view", resourceID: id) }, failed: AuditTarget(.delete, "view", resourceID: id)) {
            db, user in
            _ = try Self.ownView(db, user: user, id: id)
            try db.execute(cached: SavedViewSQL.delete, arguments: [id])
        }
    }

    /// The view, when the user may see it; `.forbidden` when it is someone else's shared one.
    static func ownView(_ db: Database, user: User, id: Int64) throws -> SavedView {
        guard let view = try Row.fetchOne(db, cached: SavedViewSQL.one, arguments: [id, user.id, user.clinicID], as: savedView) else {
            throw BackendError.viewNotFound
        }
        guard view.userID == user.id else { throw BackendError.forbidden }
        return view
    }

    private static func saveView(_ db: Database, user: User, id: Int64?, _ change: ViewChange) throws -> SavedView {
        let existing = try id.map { try ownView(db, user: user, id: $0) }
        let (name, filters, shared, invalid) = SavedViewSQL.merged(change, into: existing)
        var messages = invalid
        if try Bool.fetchOne(db, cached: SavedViewSQL.nameTaken, arguments: [user.id, name, id ?? 0]) != nil {
            messages.append(ViewChange.takenNameMessage)
        }
        if let assignee = filters.assignedToID, try Bool.fetchOne(db, cached: SavedViewSQL.userInClinic, arguments: [assignee, user.clinicID]) == nil {
            messages.append(ViewChange.assigneeMessage)
        }
        if let patient = filters.patientID, try Bool.fetchOne(db, cached: SavedViewSQL.patientInClinic, arguments: [patient, user.clinicID]) == nil {
            messages.append(ViewChange.patientMessage)
        }
        guard messages.isEmpty else { throw BackendError.validation(messages) }
        let now = Timestamp.now().milliseconds
        let viewID: Int64
        if let id {
            try db.execute(cached: SavedViewSQL.update, arguments: [name, filters.storedJSON, shared ? 1 : 0, now, id])
            viewID = id
        } else {
            viewID = try Int64.fetchOne(db, cached: SavedViewSQL.insert, arguments: [user.id, name, filters.storedJSON, shared ? 1 : 0, now, now]) ?? 0
        }
        return SavedView(id: viewID, name: name, filters: filters, shared: shared, userID: user.id, userName: user.name)
    }

    static func savedView(_ row: Row) -> SavedView {
        SavedView(
            id: row[0], name: row[1], filters: ViewFilters(storedJSON: row[2]), shared: row[3], userID: row[4], userName: row[5])
    }
}
