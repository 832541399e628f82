import ECMDomain
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// The router of the whole API, generic over where data lives.
public func buildRouter<Repository: ActivityRepository & AuditStore & AccountAdministration & PRTFReportStore>(
    _ repository: Repository, mail: MailHealth? = nil, sessions: SessionPolicy = SessionPolicy(), audit: AuditRecorder? = nil,
    timeZone: TimeZone = .current
) -> Router<ECMRequestContext> {
    let recorder = audit ?? AuditRecorder(store: repository, logger: Logger(label: "ecm-server.audit"))
    let router = Router(context: ECMRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.middlewares.add(RequestLogMiddleware<ECMRequestContext>())
    router.middlewares.add(ErrorMiddleware<ECMRequestContext>())
    let routes = RouteRecorder(router)
    routes.get("openapi.json") { _, _ in OpenAPIDocument.response() }
    routes.get("health") { _, _ in
        do {
            try await repository.checkHealth()
            return JSONResponse.make(try await HealthBody(status: "ok", mail: mail))
        } catch {
            var response = JSONResponse.make(HealthBody(status: "unavailable"), status: .serviceUnavailable)
            response.headers[.retryAfter] = ErrorMiddleware<ECMRequestContext>.retryAfterSeconds
            return response
        }
    }
    let clinic = routes.group("v1/clinic")
    let sessionRoutes = SessionsController(repository: repository, policy: sessions, recorder: recorder)
    sessionRoutes.addSignInRoute(to: clinic)
    let api = clinic.group()
        .add(middleware: AuthenticationMiddleware(repository: repository, sessions: sessions, recorder: recorder))
        .add(middleware: AuditMiddleware(recorder: recorder))
        .add(middleware: IdempotencyMiddleware())
    sessionRoutes.addRoutes(to: api)
    let admin = routes.group("v1/admin")
        .add(middleware: AuthenticationMiddleware(repository: repository, sessions: sessions, recorder: recorder))
        .add(middleware: AuditMiddleware(recorder: recorder))
        .add(middleware: AdminOnlyMiddleware())
    AdminController(repository: repository).addRoutes(to: admin)
    PRTFReportsController(repository: repository, zone: timeZone).addRoutes(to: admin)
    ActivitiesController(repository: repository).addRoutes(to: api)
    PatientsController(repository: repository).addRoutes(to: api)
    EmailDeliveriesController(repository: repository).addRoutes(to: api)
    ViewsController(repository: repository).addRoutes(to: api)
    QueueSeenController(repository: repository).addRoutes(to: api)
    // After every route: it wraps only the answer to requests no route matched.
    router.add(middleware: MethodNotAllowedMiddleware<ECMRequestContext>(routes.routes))
    return router
}

/// The server application: the router, bound to an address, each connection under `limits`,
/// logging through `logger`.
public func buildApplication<Repository: ActivityRepository & AuditStore & AccountAdministration & PRTFReportStore>(
    repository: Repository, host: String, port: Int, limits: ConnectionLimits = ConnectionLimits(), logger: Logger,
    mail: MailHealth? = nil, services: [any Service] = [], certificate: ServerCertificate? = nil, sessions: SessionPolicy = SessionPolicy(),
    audit: AuditRecorder? = nil,
    onServerRunning: @escaping @Sendable (String, Int) async -> Void = { _, _ in }
) -> some ApplicationProtocol {
    let registry = ConnectionRegistry(maxConnections: limits.maxConnections)
    return Application(
        router: buildRouter(repository, mail: mail, sessions: sessions, audit: audit),
        server: .guardedHTTP1(limits: limits, registry: registry, certificate: certificate),
        configuration: .init(
            address: .hostname(host, port: port), serverName: "ecm-server",
            // Past the cap, new connections wait in the listen backlog: accepting never runs
            // out of file descriptors (on which NIO would retry accept in a busy loop).
            availableConnectionsDelegate: MaximumAvailableConnections(limits.maxConnections, logger: logger)),
        services: services,
        onServerRunning: { channel in
            await onServerRunning(host, channel.localAddress?.port ?? port)
        },
        logger: logger)
}
