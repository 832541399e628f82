import ECMTUI
import Foundation

/// Messages from background work, waiting for the UI loop (the only thread that updates state).
///
/// Posting also writes a byte to a pipe whose read end the loop waits on with the keyboard, so
/// a backend answer is drawn as soon as it arrives rather than at the next poll.
final class Inbox: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Message] = []
    private var terminating = false
    private var hungUpFlag = false
    private var woken = false
    /// Readable when something was posted since the last `drain`.
    let wakeDescriptor: Int32
    /// The write end (internal for tests).
    let wakeWriter: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        if pipe(&ends) == 0 {
            for end in ends {
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)  // not inherited by $EDITOR
            }
        } else {
            ends = [-1, -1]  // then answers wait for the loop's next timeout (100 ms at most)
        }
        wakeDescriptor = ends[0]
        wakeWriter = ends[1]
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWriter)
    }

    /// A signal asked the UI to stop: it stops without asking about unsaved input.
    /// Ends the loop; `hangUp` when the terminal went away (SIGHUP: the SSH connection dropped).
    func terminate(hangUp: Bool = false) {
        lock.withLock {
            terminating = true
            if hangUp { hungUpFlag = true }
        }
        wake()
    }

    var isTerminating: Bool { lock.withLock { terminating } }
    var hungUp: Bool { lock.withLock { hungUpFlag } }

    func post(_ message: Message) {
        lock.withLock { messages.append(message) }
        wake()
    }

    func drain() -> [Message] {
        lock.withLock {
            // Always emptied: a byte left behind would wake the loop again and again.
            var bytes = [UInt8](repeating: 0, count: 64)
            while read(wakeDescriptor, &bytes, bytes.count) > 0 {}
            woken = false
            defer { messages = [] }
            return messages
        }
    }

    /// One byte per batch of messages: the pipe never fills, however much is posted. Written
    /// under the lock, so a drain never sees the flag without the byte.
    private func wake() {
        lock.withLock {
            guard !woken, wakeWriter >= 0 else { return }
            woken = true
            var byte: UInt8 = 1
            _ = write(wakeWriter, &byte, 1)
        }
    }
}
