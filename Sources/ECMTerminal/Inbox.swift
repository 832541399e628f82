import ECMTUI
import Foundation

/// Messages from background work, waiting for the UI loop (the only thread that updates state).
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Message] = []
    private var terminating = false

    /// A signal asked the UI to stop: it stops without asking about unsaved input.
    func terminate() { lock.withLock { terminating = true } }
    var isTerminating: Bool { lock.withLock { terminating } }

    func post(_ message: Message) { lock.withLock { messages.append(message) } }

    func drain() -> [Message] {
        lock.withLock {
            defer { messages = [] }
            return messages
        }
    }
}
