import Foundation
import Testing

@testable import ECMTUI
@testable import ECMTerminal

/// The inbox wakes the UI loop through a pipe: readable after a post, quiet after a drain.
struct InboxTests {
    private func isReadable(_ descriptor: Int32) -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 1
    }

    private func pendingBytes(_ descriptor: Int32) -> Int32 {
        var count: Int32 = 0
        _ = ioctl(descriptor, UInt(FIONREAD), &count)
        return count
    }

    @Test func aPostWakesTheLoopOnceAndADrainQuietsIt() {
        let inbox = Inbox()
        #expect(inbox.wakeDescriptor >= 0)
        #expect(!isReadable(inbox.wakeDescriptor))
        for _ in 0..<1_000 { inbox.post(.tick(.now())) }
        #expect(isReadable(inbox.wakeDescriptor))
        #expect(pendingBytes(inbox.wakeDescriptor) == 1, "one byte per batch, so the pipe never fills")
        #expect(inbox.drain().count == 1_000)
        #expect(!isReadable(inbox.wakeDescriptor))
        #expect(inbox.drain().isEmpty)
    }

    @Test func terminatingWakesTheLoop() {
        let inbox = Inbox()
        inbox.terminate()
        #expect(isReadable(inbox.wakeDescriptor) && inbox.isTerminating)
    }

    @Test func postsFromManyThreadsAreAllDelivered() async {
        let inbox = Inbox()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<500 { inbox.post(.tick(.now())) } }
            }
        }
        #expect(isReadable(inbox.wakeDescriptor))
        #expect(inbox.drain().count == 4_000)
        #expect(!isReadable(inbox.wakeDescriptor))
    }

    @Test func aDrainEmptiesThePipeEvenOfALateByte() {
        // A post could set its flag, lose the lock to a drain, then write its byte: a byte no
        // drain read any more, so the loop woke on every pass, spinning, until the next answer.
        let inbox = Inbox()
        var late: UInt8 = 1
        #expect(write(inbox.wakeWriter, &late, 1) == 1)
        #expect(inbox.drain().isEmpty)
        #expect(!isReadable(inbox.wakeDescriptor))
    }
}
