import ECMDomain

/// The SQLite file as the store of `ecm-server`.
extension AppDatabase: ServerStore {
    public var location: String { path }

    public func backend(actingAs user: User, idempotent: IdempotentWrite?, audit: AuditContext?) -> any ActivityBackend {
        StoreBackend(database: self, authenticated: user, idempotent: idempotent, audit: audit)
    }

    public func checkHealth() async throws(BackendError) {
        _ = try readNow { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
