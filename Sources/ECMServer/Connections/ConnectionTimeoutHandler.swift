import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client stalls: no complete request head within the header timeout
/// (counted from the connection's opening, or from the first byte after an idle spell), no
/// complete body within the body timeout of its head, no new request within the idle timeout of
/// the last response. While a response is being made no timeout runs. Tells the registry
/// whether the connection is waiting on its client, so the oldest waiting one can make room.
final class ConnectionTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase { case awaitingHead, readingBody, responding, idle }

    private let limits: ConnectionLimits
    private let registry: ConnectionRegistry
    private var phase: Phase?
    /// A request's head has been read and its end not yet.
    private var isReadingRequest = false
    /// Requests read whose response has not ended.
    private var unansweredRequests = 0
    private var timer: Scheduled<Void>?

    init(limits: ConnectionLimits, registry: ConnectionRegistry) {
        self.limits = limits
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { enter(.awaitingHead, context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if phase == nil { enter(.awaitingHead, context: context) }
        context.fireChannelActive()
    }

    func handlerRemoved(context: ChannelHandlerContext) { cancelTimer() }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            isReadingRequest = true
            unansweredRequests += 1
            enter(.readingBody, context: context)
        case .body:
            break
        case .end:
            isReadingRequest = false
            settle(context: context)
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        // Bytes arrived on an idle connection: a new request has begun.
        if phase == .idle { enter(.awaitingHead, context: context) }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) {
            unansweredRequests = max(0, unansweredRequests - 1)
            settle(context: context)
        }
        context.write(data, promise: promise)
    }

    /// The phase after a request or a response ended.
    private func settle(context: ChannelHandlerContext) {
        if isReadingRequest { return }  // a response may end before its request's body (413)
        enter(unansweredRequests > 0 ? .responding : .idle, context: context)
    }

    private func enter(_ next: Phase, context: ChannelHandlerContext) {
        guard next != phase else { return }
        phase = next
        cancelTimer()
        registry.update(context.channel, waiting: next != .responding)
        let timeout: Duration? =
            switch next {
            case .awaitingHead: limits.headerTimeout
            case .readingBody: limits.bodyTimeout
            case .idle: limits.idleTimeout
            case .responding: nil
            }
        guard let timeout else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: TimeAmount(timeout)) { [weak self] in
            self?.timer = nil
            context.close(promise: nil)
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }
}
