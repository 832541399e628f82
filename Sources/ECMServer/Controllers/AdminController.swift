import ECMAuth
import ECMDomain
import Foundation
import Hummingbird

/// Extension: what only an administrator may see and do, within their own clinic. The audit
/// trail (who saw or changed a member's record; reading it is audited too, by `AuditMiddleware`)
/// and the clinic's accounts (each change audited in its transaction).
struct AdminController<Repository: ActivityRepository & AuditStore & AccountAdministration>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("audit", use: audit)
        group.get("users", use: listUsers)
        group.post("users", use: createUser)
        group.get("users/:id", use: showUser)
        group.patch("users/:id", use: updateUser)
        group.put("users/:id", use: updateUser)
    }

    @Sendable func audit(_ request: Request, context: ECMRequestContext) async throws -> Response {
        var query = try AuditQuery(parameters: request.queryDictionary)
        query.clinicID = try context.requireUser().clinicID
        return JSONResponse.make(AuditEventsBody(try await repository.auditRecords(query)))
    }

    /// The clinic's users by name, with login, role, disabled mark and active tokens.
    @Sendable func listUsers(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let page = try PageRequest(parameters: request.queryDictionary)
        return JSONResponse.make(AccountsBody(try await repository.accounts(clinicID: try context.requireUser().clinicID, page: page)))
    }

    @Sendable func showUser(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let id = try context.id("id", notFound: .userNotFound)
        return JSONResponse.make(AccountBody(try await repository.account(id: id, clinicID: try context.requireUser().clinicID)))
    }

    /// 201 with the new user, in the administrator's clinic; a password, when given, is hashed here.
    @Sendable func createUser(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let admin = try context.requireUser()
        var change = try await accountRequest(request, context: context, creating: true)
        let audit = AuditTarget(.create, "user").entry(userID: admin.id, clinicID: admin.clinicID, context: context.auditContext)
        if change.password != nil { change.change.passwordHash = try await SignIn.hash(change.password ?? "") }
        let account = try await repository.createAccount(clinicID: admin.clinicID, change.change, audit: audit)
        var response = JSONResponse.make(AccountBody(account), status: .created)
        response.headers[.location] = "/v1/admin/users/\(account.user.id)"
        return response
    }

    /// 200 with the user as changed. An administrator cannot disable or demote themselves (the
    /// clinic would be left without a way back).
    @Sendable func updateUser(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let admin = try context.requireUser()
        let id = try context.id("id", notFound: .userNotFound)
        var change = try await accountRequest(request, context: context, creating: false)
        if id == admin.id, change.change.disabled == true || change.change.role == .coordinator {
            throw BackendError.validation([AccountRequest.ownAccountMessage])
        }
        // Outside the clinic is 404 before a password is hashed.
        _ = try await repository.account(id: id, clinicID: admin.clinicID)
        if let password = change.password { change.change.passwordHash = try await SignIn.hash(password) }
        let audit = AuditTarget(.update, "user", resourceID: id).entry(userID: admin.id, clinicID: admin.clinicID, context: context.auditContext)
        return JSONResponse.make(AccountBody(try await repository.updateAccount(id: id, clinicID: admin.clinicID, change.change, audit: audit)))
    }

    private func accountRequest(_ request: Request, context: ECMRequestContext, creating: Bool) async throws -> AccountRequest {
        var request = request
        return try AccountRequest(try await request.jsonValue(context: context), creating: creating)
    }
}
