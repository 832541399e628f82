import ECMDomain
import HTTPTypes
import Hummingbird

/// One audit row per request that reads a member's record or was refused, with what it touched
/// (from the route and its ids: never a value, a name or search text), its status, the user, the
/// peer's address and the request id. A write that succeeded was audited with its change.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = ECMRequestContext
    let recorder: AuditRecorder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let status: Int
        let response: Response
        do {
            response = try await next(request, context)
            status = Int(response.status.code)
        } catch let error as BackendError {
            await record(request, context: context, status: error.status)
            throw error
        } catch {
            await record(request, context: context, status: (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500)
            throw error
        }
        let replayed = response.headers[IdempotencyMiddleware.replayedHeader] != nil
        let signOut = Self.target(request, context: context)?.action == .signOut
        if request.method == .get || request.method == .head || !(200..<300).contains(status) || replayed || signOut {
            await record(request, context: context, status: status)
        }
        return response
    }

    private func record(_ request: Request, context: Context, status: Int) async {
        guard let target = Self.target(request, context: context) else { return }
        await recorder.record(
            target.entry(userID: context.user?.id, clinicID: context.user?.clinicID, status: status, context: context.auditContext))
    }

    /// What a request touches, from its route; nil for routes without a member's record (the
    /// team list, the acting user).
    static func target(_ request: Request, context: Context) -> AuditTarget? {
        guard let route = context.endpointPath else { return nil }
        let patient = context.parameters.get("patient_id").flatMap { Int64($0) }
        let id = context.parameters.get("id").flatMap { Int64($0) }
        let action: AuditEntry.Action =
            switch request.method {
            case .post: .create
            case .put, .patch: .update
            case .delete: .delete
            default: .read
            }
        // The route's last two parts, parameters written `:name` (Hummingbird may write `{name}`).
        let tail = route.split(separator: "/").suffix(2).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? ":" + part.dropFirst().dropLast() : String(part)
        }
        switch tail.joined(separator: "/") {
        case "ecm/patients" where action != .read: return AuditTarget(action, "patient")
        case "ecm/patients":
            let searching = request.uri.queryParameters.get("search").map { !$0.isEmpty } ?? false
            return AuditTarget(searching ? .search : .read, "patients")
        case "patients/:patient_id": return AuditTarget(action, "patient", patientID: patient, resourceID: patient)
        case ":patient_id/activities": return AuditTarget(action, action == .read ? "activities" : "activity", patientID: patient)
        case "activities/:id": return AuditTarget(action, "activity", patientID: patient, resourceID: id)
        case ":id/comments": return AuditTarget(action, action == .read ? "comments" : "comment", patientID: patient, resourceID: id)
        case ":patient_id/events": return AuditTarget(.read, "events", patientID: patient)
        case "ecm/activities": return AuditTarget(.read, "activities")
        case "ecm/email_deliveries": return AuditTarget(.read, "email_deliveries")
        case ":activity_id/retry":
            return AuditTarget(.update, "email_delivery", resourceID: context.parameters.get("activity_id").flatMap { Int64($0) })
        case "sessions/current": return AuditTarget(.signOut, "session")
        case "admin/users": return AuditTarget(action, action == .read ? "users" : "user")
        case "users/:id": return AuditTarget(action, "user", resourceID: id)
        // A saved view holds no member's record: only refused changes are recorded here.
        case "clinic/views" where action != .read: return AuditTarget(action, "view")
        case "views/:id": return AuditTarget(action, "view", resourceID: id)
        case "ecm/prtf_reports": return AuditTarget(action, action == .read ? "prtf_reports" : "prtf_report")
        case "prtf_reports/:id": return AuditTarget(.read, "prtf_report", resourceID: id)
        case ":id/download": return AuditTarget(.export, "prtf_report", resourceID: id)
        case "admin/audit": return AuditTarget(.read, "audit", patientID: request.uri.queryParameters.get("patient_id").flatMap { Int64(String($0)) })
        default: return nil
        }
    }
}
