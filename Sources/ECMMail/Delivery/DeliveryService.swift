import ECMDomain
import ServiceLifecycle

/// The delivery worker as a service beside the HTTP server: it runs until graceful shutdown
/// (SIGTERM), finishing the message in hand and giving back the ones it had claimed but not tried.
public struct DeliveryService: Service {
    public let worker: DeliveryWorker
    public let poll: Duration

    public init(worker: DeliveryWorker, poll: Duration = .seconds(1)) {
        self.worker = worker
        self.poll = poll
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await worker.run(poll: poll) }
    }
}
