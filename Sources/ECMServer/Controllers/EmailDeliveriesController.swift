import ECMDomain
import Hummingbird

/// Extension: email activities' deliveries, and trying a failed one again.
struct EmailDeliveriesController<Repository: ActivityRepository>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("ecm/email_deliveries", use: list)
        group.post("ecm/email_deliveries/:activity_id/retry", use: retry)
    }

    private func backend(_ context: ECMRequestContext) throws(BackendError) -> any ActivityBackend {
        repository.backend(actingAs: try context.requireUser())
    }

    @Sendable func list(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let query = try EmailDeliveryQuery(parameters: request.queryDictionary)
        return JSONResponse.make(EmailDeliveriesBody(try await backend(context).emailDeliveries(query)))
    }

    /// 202: the message is due again; the delivery worker sends it.
    @Sendable func retry(_ request: Request, context: ECMRequestContext) async throws -> Response {
        guard let id = context.parameters.get("activity_id", as: Int64.self) else { throw BackendError.activityNotFound }
        let respond: @Sendable (EmailDeliveryItem) -> RecordedResponse = {
            JSONResponse.answer(EmailDeliveryBody($0), status: .accepted)
        }
        return JSONResponse.recorded(respond(try await context.backend(repository, respond: respond).retryEmail(activityID: id)))
    }
}
