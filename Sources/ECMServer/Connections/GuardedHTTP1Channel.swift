import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1.1 channel with each connection registered (for the cap) and watched
/// by a `ConnectionTimeoutHandler`.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    private let http1: HTTP1Channel
    private let limits: ConnectionLimits
    private let registry: ConnectionRegistry

    init(responder: @escaping HTTPChannelHandler.Responder, limits: ConnectionLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
        http1 = HTTP1Channel(
            responder: responder,
            configuration: .init(additionalChannelHandlers: [ConnectionTimeoutHandler(limits: limits, registry: registry)]))
    }

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        registry.register(channel)
        return http1.setup(channel: channel, logger: logger)
    }

    func handle(value: Value, logger: Logger) async {
        let executor = EventLoopTaskExecutor(value.channel.eventLoop)
        await withTaskExecutorPreference(executor) {
            await http1.handle(value: value, logger: logger)
        }
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 under `limits`: timeouts per connection and a cap on how many are open.
    /// Behind TLS when `certificate` is given.
    static func guardedHTTP1(limits: ConnectionLimits, registry: ConnectionRegistry, certificate: ServerCertificate? = nil) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            let http = GuardedHTTP1Channel(responder: responder, limits: limits, registry: registry)
            guard let certificate else { return http }
            return ServerTLSChannel(base: http, certificate: certificate)
        }
    }
}
