import ECMDomain
import Hummingbird

/// Extension: when the signed-in user last looked at their queue. `GET` says when; `PUT` looks
/// now and answers the look before, so a client can show what is new since then.
struct QueueSeenController<Repository: ActivityRepository>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("queue_seen", use: show)
        group.put("queue_seen", use: look)
    }

    @Sendable func show(_ request: Request, context: ECMRequestContext) async throws -> Response {
        JSONResponse.make(QueueSeenBody(try await repository.backend(actingAs: try context.requireUser()).queueSeen()))
    }

    @Sendable func look(_ request: Request, context: ECMRequestContext) async throws -> Response {
        JSONResponse.make(QueueSeenBody(try await repository.backend(actingAs: try context.requireUser()).markQueueSeen()))
    }
}
