import ECMDomain
import Logging
import ServiceLifecycle

/// Forgets `Idempotency-Key`s older than their retention (30 days), at start and then hourly,
/// beside the HTTP server. Several servers on one database may all purge: deleting is idempotent.
public struct IdempotencyKeyPurge: Service {
    let store: any IdempotencyStore
    let every: Duration
    let logger: Logger

    public init(store: any IdempotencyStore, every: Duration = .seconds(3600), logger: Logger) {
        self.store = store
        self.every = every
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await purgeOnce()
                try? await Task.sleep(for: every)
            }
        }
    }

    /// One pass; a store that cannot serve now is tried again at the next.
    func purgeOnce() async {
        let cutoff = Timestamp(milliseconds: Timestamp.now().milliseconds - IdempotentWrite.retentionMilliseconds)
        do {
            let purged = try await store.purgeIdempotencyKeys(recordedBefore: cutoff)
            if purged > 0 { logger.info("forgot expired idempotency keys", metadata: ["count": "\(purged)"]) }
        } catch {
            logger.warning("could not forget expired idempotency keys", metadata: ["error": "\(error.description)"])
        }
    }
}
