import ECMDomain
import Foundation
import Logging

/// Sends what the outbox holds: claims due messages with a lease, composes each (fetching its
/// attachments), hands it to the transport, and records the outcome — sent; tried again later
/// by the retry schedule; or failed, with the reason. Logs carry activity ids and outcomes only,
/// never addresses, subjects or bodies.
public struct DeliveryWorker: Sendable {
    public let store: any EmailOutboxStore
    public let transport: any MailTransport
    public let sender: MailSender
    public let schedule: RetrySchedule
    public let fetcher: AttachmentFetcher
    /// Who holds the leases this worker takes: unique per process and worker.
    public let owner: String
    /// How long a claimed message stays this worker's: longer than a try can last, so a message
    /// is never in two hands; a killed worker's messages are taken again after it.
    public let lease: Duration
    /// Ten minutes: a try lasts at most 30 s to connect and 120 s for the message.
    public static let defaultLease: Duration = .seconds(600)
    let logger: Logger

    public init(
        store: any EmailOutboxStore, transport: any MailTransport, sender: MailSender, schedule: RetrySchedule = RetrySchedule(),
        fetcher: AttachmentFetcher = AttachmentFetcher(), lease: Duration = Self.defaultLease, logger: Logger = Logger(label: "ecm.mail")
    ) {
        self.lease = lease
        self.store = store
        self.transport = transport
        self.sender = sender
        self.schedule = schedule
        self.fetcher = fetcher
        self.owner = "\(EmailDelivery.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        self.logger = logger
    }

    /// Delivers everything due now, a few at a time; returns how many messages were tried.
    /// Stops between messages when the task is cancelled, giving back what it had not tried.
    @discardableResult
    public func deliverDue(batch: Int = 10) async throws(BackendError) -> Int {
        var tried = 0
        while !Task.isCancelled {
            let now = Timestamp.now()
            let due = try await store.claimDueEmails(
                owner: owner, now: now, leaseUntil: Timestamp(milliseconds: now.milliseconds + lease.components.seconds * 1000),
                limit: batch)
            if due.isEmpty { break }
            for message in due {
                if Task.isCancelled { break }
                try await deliver(message)
                tried += 1
            }
        }
        if Task.isCancelled {
            let store = self.store
            let owner = self.owner
            try await Self.uncancelled { () async throws(BackendError) in try await store.releaseEmails(owner: owner) }
        }
        return tried
    }

    /// Tries one claimed message and records the outcome.
    func deliver(_ message: OutboxMessage) async throws(BackendError) {
        let outcome: EmailAttemptOutcome
        do throws(MailError) {
            let attachments = try await fetcher.fetch(message.attachments)
            try await transport.send(MailMessage(message, from: sender, attachments: attachments))
            outcome = .sent
        } catch {
            outcome = self.outcome(of: error, for: message)
        }
        // Recorded even when the worker is being stopped: a message sent but not recorded would
        // be sent again once its lease expired.
        let store = self.store
        let owner = self.owner
        try await Self.uncancelled { () async throws(BackendError) in
            try await store.recordEmailAttempt(activityID: message.activityID, owner: owner, outcome: outcome, at: .now())
        }
        switch outcome {
        case .sent:
            logger.info("email sent", metadata: ["activity.id": "\(message.activityID)", "attempt": "\(message.attempts + 1)"])
        case .retry:
            logger.warning("email not sent; will try again", metadata: ["activity.id": "\(message.activityID)", "attempt": "\(message.attempts + 1)"])
        case .failed:
            logger.error("email failed", metadata: ["activity.id": "\(message.activityID)", "attempt": "\(message.attempts + 1)"])
        }
    }

    func outcome(of error: MailError, for message: OutboxMessage) -> EmailAttemptOutcome {
        switch error {
        case .permanent(let text):
            return .failed(error: text)
        case .transient(let text):
            let now = Timestamp.now()
            guard let next = schedule.nextTry(afterAttempt: message.attempts + 1, at: now, firstTry: message.createdAt) else {
                return .failed(error: "\(text) (still failing after \(message.attempts + 1) tries over a day)")
            }
            return .retry(error: text, next: next)
        }
    }

    /// Delivers until the task is cancelled: what is due, then sleeps until the next message is
    /// due or `poll` passes (new messages from this or another server), whichever is sooner.
    /// A store that cannot be reached is tried again after `poll`.
    public func run(poll: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            do {
                try await deliverDue()
                var wait = poll
                if let next = try await store.nextEmailDue() {
                    let until = Duration.milliseconds(max(0, next.milliseconds - Timestamp.now().milliseconds))
                    wait = min(wait, until)
                }
                try? await Task.sleep(for: max(wait, .milliseconds(50)))
            } catch {
                logger.warning("the outbox could not be read; trying again", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: poll)
            }
        }
        let store = self.store
        let owner = self.owner
        try? await Self.uncancelled { () async throws(BackendError) in try await store.releaseEmails(owner: owner) }
    }

    /// Runs `body` in a task of its own, which the caller's cancellation does not reach.
    static func uncancelled(_ body: @escaping @Sendable () async throws(BackendError) -> Void) async throws(BackendError) {
        let result = await Task { () async -> Result<Void, BackendError> in
            do throws(BackendError) {
                try await body()
                return .success(())
            } catch {
                return .failure(error)
            }
        }.value
        try result.get()
    }
}
