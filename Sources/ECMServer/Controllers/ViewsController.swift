import ECMDomain
import Foundation
import Hummingbird

/// Extension: saved views, a user's named filters of the work lists, optionally shared with
/// their clinic. Only the owner changes or removes a view; someone else's shared one is 403.
struct ViewsController<Repository: ActivityRepository>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("views", use: list)
        group.post("views", use: create)
        group.put("views/:id", use: update)
        group.patch("views/:id", use: update)
        group.delete("views/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let page = try PageRequest(parameters: request.queryDictionary)
        return JSONResponse.make(ViewsBody(try await repository.backend(actingAs: try context.requireUser()).views(page: page)))
    }

    /// 201 with the view and its `Location`.
    @Sendable func create(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let change = try await viewChange(request, context: context, creating: true)
        let respond: @Sendable (SavedView) -> RecordedResponse = { JSONResponse.answer(ViewBody($0), status: .created) }
        let view = try await context.backend(repository, respond: respond).createView(change)
        var response = JSONResponse.recorded(respond(view))
        response.headers[.location] = "/v1/clinic/views/\(view.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let id = try context.id("id", notFound: .viewNotFound)
        let change = try await viewChange(request, context: context, creating: false)
        let respond: @Sendable (SavedView) -> RecordedResponse = { JSONResponse.answer(ViewBody($0), status: .ok) }
        return JSONResponse.recorded(respond(try await context.backend(repository, respond: respond).updateView(id: id, change)))
    }

    @Sendable func delete(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let id = try context.id("id", notFound: .viewNotFound)
        let respond: @Sendable (Void) -> RecordedResponse = { _ in RecordedResponse(status: 204, body: []) }
        try await context.backend(repository, respond: respond).deleteView(id: id)
        return JSONResponse.recorded(respond(()))
    }

    private func viewChange(_ request: Request, context: ECMRequestContext, creating: Bool) async throws -> ViewChange {
        var request = request
        return try ViewChange(try await request.jsonValue(context: context), creating: creating)
    }
}
