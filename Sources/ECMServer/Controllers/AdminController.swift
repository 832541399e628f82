import ECMDomain
import Hummingbird

/// Extension: what only an administrator may see. The audit trail: who saw or changed a
/// member's record (reading it is audited too, by `AuditMiddleware`).
struct AdminController<Repository: ActivityRepository & AuditStore>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("audit", use: audit)
    }

    @Sendable func audit(_ request: Request, context: ECMRequestContext) async throws -> Response {
        var query = try AuditQuery(parameters: request.queryDictionary)
        // An administrator reads their own clinic's trail.
        query.clinicID = try context.requireUser().clinicID
        return JSONResponse.make(AuditEventsBody(try await repository.auditRecords(query)))
    }
}
