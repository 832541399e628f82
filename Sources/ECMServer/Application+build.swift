import ECMDomain
import Hummingbird
import Logging

/// The router of the whole API, generic over where data lives.
public func buildRouter<Repository: ActivityRepository>(_ repository: Repository) -> Router<ECMRequestContext> {
    let router = Router(context: ECMRequestContext.self)
    router.middlewares.add(RequestLogMiddleware<ECMRequestContext>())
    router.middlewares.add(ErrorMiddleware<ECMRequestContext>())
    router.get("openapi.json") { _, _ in OpenAPIDocument.response() }
    router.get("health") { _, _ in JSONResponse.make(["status": "ok"]) }
    let api = router.group("v1/clinic").add(middleware: AuthenticationMiddleware(repository: repository))
    ActivitiesController(repository: repository).addRoutes(to: api)
    PatientsController(repository: repository).addRoutes(to: api)
    return router
}

/// The server application: the router, bound to an address, logging through `logger`.
public func buildApplication<Repository: ActivityRepository>(
    repository: Repository, host: String, port: Int, logger: Logger,
    onServerRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(repository),
        configuration: .init(address: .hostname(host, port: port), serverName: "ecm-server"),
        onServerRunning: { channel in
            await onServerRunning(host, channel.localAddress?.port ?? port)
        },
        logger: logger)
}
