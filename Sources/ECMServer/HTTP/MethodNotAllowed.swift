import HTTPTypes
import Hummingbird

/// Forwards routes to the router and remembers the methods each path serves, so that the
/// others can be answered 405 instead of 404.
final class RouteRecorder<Context: RequestContext>: RouterMethods {
    let router: Router<Context>
    private(set) var routes: [(path: RouterPath, method: HTTPRequest.Method)] = []

    init(_ router: Router<Context>) { self.router = router }

    @discardableResult func on<Responder: HTTPResponder>(
        _ path: RouterPath, method: HTTPRequest.Method, responder: Responder
    ) -> Self where Responder.Context == Context {
        routes.append((path, method))
        router.on(path, method: method, responder: responder)
        return self
    }

    @discardableResult func add(middleware: any MiddlewareProtocol<Request, Response, Context>) -> Self {
        router.add(middleware: middleware)
        return self
    }
}

/// Answers a known path asked with a method it does not serve: 405 with `Allow`, in the API's
/// error shape. Added after every route, it only sees requests no route matched.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: [(path: [RouterPath.Element], methods: [HTTPRequest.Method])]

    init(_ recorded: [(path: RouterPath, method: HTTPRequest.Method)]) {
        var routes: [(path: [RouterPath.Element], methods: [HTTPRequest.Method])] = []
        for (path, method) in recorded {
            if let index = routes.firstIndex(where: { $0.path == path.components }) {
                routes[index].methods.append(method)
            } else {
                routes.append((path.components, [method]))
            }
        }
        self.routes = routes
    }

    /// The methods served at `path`, in the order they were registered; HEAD wherever GET is
    /// (the router generates it).
    func allowedMethods(_ path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        var methods: [HTTPRequest.Method] = []
        for route in routes where route.path.count == segments.count {
            guard zip(route.path, segments).allSatisfy({ $0 ~= $1 }) else { continue }
            for method in route.methods where !methods.contains(method) {
                methods.append(method)
                if method == .get, !methods.contains(.head) { methods.append(.head) }
            }
        }
        return methods
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let allowed = allowedMethods(request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await next(request, context) }
        return JSONResponse.errors(
            ["Method not allowed"], status: .methodNotAllowed,
            headers: [.allow: allowed.map(\.rawValue).joined(separator: ", ")])
    }
}
