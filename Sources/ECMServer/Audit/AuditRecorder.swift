import ECMDomain
import Logging
import ServiceLifecycle

/// Appends the audit rows of requests that change nothing (reads, refusals, sign-ins) a batch at
/// a time, so that a read costs the store no transaction of its own: rows wait at most ~50 ms,
/// and graceful shutdown writes what is left. (A write's row is appended with its change, in its
/// transaction, by the backend.)
public actor AuditRecorder {
    private let store: any AuditStore
    private let logger: Logger
    private var pending: [AuditEntry] = []
    private var flushing: Task<Void, Never>?
    /// The batch being written, which the next waits for: batches reach the chain in order.
    private var writing: Task<Void, Never>?

    public init(store: any AuditStore, logger: Logger) {
        self.store = store
        self.logger = logger
    }

    public func record(_ entry: AuditEntry) {
        pending.append(entry)
        guard flushing == nil else { return }
        flushing = Task {
            try? await Task.sleep(for: .milliseconds(50))
            await self.flush()
        }
    }

    /// Writes everything recorded so far, after any batch already being written (a caller
    /// that flushes sees every row recorded before it in the store when this returns). A store
    /// that cannot take a batch now keeps it for the next try.
    public func flush() async {
        flushing = nil
        let previous = writing
        let batch = pending
        pending = []
        let store = self.store
        let current = Task { () -> [AuditEntry] in
            await previous?.value
            guard !batch.isEmpty else { return [] }
            do {
                try await store.appendAudit(batch)
                return []
            } catch {
                return batch
            }
        }
        writing = Task { _ = await current.value }
        let unwritten = await current.value
        guard !unwritten.isEmpty else { return }
        logger.error("could not append audit rows; keeping them for the next try", metadata: ["count": "\(unwritten.count)"])
        pending = unwritten + pending
        if flushing == nil {
            flushing = Task {
                try? await Task.sleep(for: .seconds(1))
                await self.flush()
            }
        }
    }
}

/// Writes the recorder's last rows when the server stops.
public struct AuditFlushService: Service {
    let recorder: AuditRecorder

    public init(recorder: AuditRecorder) { self.recorder = recorder }

    public func run() async throws {
        try? await gracefulShutdown()
        await recorder.flush()
    }
}
