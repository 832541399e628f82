import NIOConcurrencyHelpers
import NIOCore

/// Every open connection, with whether it is waiting on its client (idle, or reading a request)
/// and since when. At the cap the oldest waiting connection is closed, so a new client always
/// gets in while any connection is only waiting; connections whose response is being made are
/// never closed for room.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        let channel: any Channel
        var waiting: Bool
        var since: NIODeadline
    }

    let maxConnections: Int
    private let entries = NIOLockedValueBox<[ObjectIdentifier: Entry]>([:])

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var count: Int { entries.withLockedValue { $0.count } }

    /// Adds a new connection (waiting for its request) and makes room if the cap is reached.
    func register(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        let victim = entries.withLockedValue { entries in
            entries[id] = Entry(channel: channel, waiting: true, since: .now())
            return Self.oldestWaiting(in: &entries, over: maxConnections, sparing: id)
        }
        victim.map(Self.close)
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.entries.withLockedValue { _ = $0.removeValue(forKey: id) }
        }
    }

    /// Records that the connection now waits on its client (or is being answered). One that
    /// starts waiting while the cap is reached makes room by closing the oldest other waiting.
    func update(_ channel: any Channel, waiting: Bool) {
        let id = ObjectIdentifier(channel)
        let victim = entries.withLockedValue { entries -> (any Channel)? in
            guard entries[id] != nil else { return nil }
            entries[id]?.waiting = waiting
            entries[id]?.since = .now()
            return waiting ? Self.oldestWaiting(in: &entries, over: maxConnections, sparing: id) : nil
        }
        victim.map(Self.close)
    }

    /// Closes on the channel's own loop, after whatever its pipeline is doing now (a response
    /// being flushed) has finished.
    private static func close(_ channel: any Channel) {
        channel.eventLoop.execute { channel.close(promise: nil) }
    }

    /// At `limit` or more connections, removes and returns the one waiting longest.
    private static func oldestWaiting(
        in entries: inout [ObjectIdentifier: Entry], over limit: Int, sparing spared: ObjectIdentifier?
    ) -> (any Channel)? {
        guard entries.count >= max(limit, 1) else { return nil }
        var oldest: (id: ObjectIdentifier, since: NIODeadline)?
        for (id, entry) in entries where entry.waiting && id != spared {
            if oldest == nil || entry.since < oldest!.since { oldest = (id, entry.since) }
        }
        guard let oldest else { return nil }
        return entries.removeValue(forKey: oldest.id)?.channel
    }
}
