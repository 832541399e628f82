import ECMDomain
import Foundation
import Hummingbird

/// Extension: signing in with a login and a password, signing out, and the store's policy for
/// clients (whether the UI's idle lock may be turned off).
struct SessionsController<Repository: ActivityRepository>: Sendable {
    let repository: Repository
    let policy: SessionPolicy
    let recorder: AuditRecorder

    /// `POST sessions`, the one route a request without a token may take.
    func addSignInRoute(to group: RouterGroup<ECMRequestContext>) {
        group.post("sessions", use: signIn)
    }

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.delete("sessions/current", use: signOut)
        group.get("policy", use: policy)
    }

    /// `{"policy": {"idle_lock_optional": false}}`: what the operator decided (`ecm-server policy`).
    @Sendable func policy(_ request: Request, context: ECMRequestContext) async throws -> Response {
        JSONResponse.make(PolicyBody(try await repository.backend(actingAs: try context.requireUser()).policy()))
    }

    /// 201 with the session; 401 `Invalid login or password` for a wrong login or password
    /// alike; 429 with `Retry-After` while the login or the address is locked.
    @Sendable func signIn(_ request: Request, context: ECMRequestContext) async throws -> Response {
        var request = request
        let value = try await request.jsonValue(context: context)
        guard case .object(let root) = value, case .object(let fields)? = root["session"] else {
            throw BackendError.badRequest("param is missing or the value is empty: session")
        }
        guard case .string(let login)? = fields["login"], case .string(let password)? = fields["password"] else {
            await recorder.record(AuditTarget(.signInFailed, "session").entry(userID: nil, status: 401, context: context.auditContext))
            throw BackendError.invalidLogin
        }
        do throws(BackendError) {
            let grant = try await repository.signIn(login: login, password: password, address: context.remoteAddress, policy: policy)
            await recorder.record(AuditTarget(.signIn, "session").entry(userID: grant.account.id, clinicID: grant.account.clinicID, status: 201, context: context.auditContext))
            return JSONResponse.make(SessionBody(grant), status: .created)
        } catch {
            // Who tried is not known (the login may be anyone's): the address and the outcome are.
            await recorder.record(AuditTarget(.signInFailed, "session").entry(userID: nil, status: error.status, context: context.auditContext))
            throw error
        }
    }

    /// 204: the session the request came with ends. 422 for an API token: scripts' tokens are
    /// revoked by an administrator (`ecm-server users revoke`), not by a stray sign-out.
    @Sendable func signOut(_ request: Request, context: ECMRequestContext) async throws -> Response {
        guard let token = context.token else { throw BackendError.unauthorized }
        guard try await repository.endSession(token: token) else { throw BackendError.validation([Self.apiTokenMessage]) }
        return Response(status: .noContent)
    }

    static var apiTokenMessage: String { "Only a signed-in session can be ended; an API token is revoked with ecm-server users revoke" }
}
