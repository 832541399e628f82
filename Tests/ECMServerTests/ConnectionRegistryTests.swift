import ECMTestSupport
import NIOCore
import NIOEmbedded
import Testing

@testable import ECMServer

/// The connection cap's policy, checked against a model over generated sequences of
/// connections opening, being answered, waiting and closing.
struct ConnectionRegistryTests {
    private final class Connection {
        let channel: EmbeddedChannel
        var busy = false
        var since: Int
        var closed = false

        init(_ channel: EmbeddedChannel, since: Int) {
            self.channel = channel
            self.since = since
            channel.closeFuture.whenComplete { [unowned self] _ in self.closed = true }
        }
    }

    @Test func atTheCapTheOldestWaitingConnectionMakesRoomAndBusyOnesAreNeverClosed() throws {
        for seed in UInt64(1)...200 {
            var random = SplitMix64(seed: seed)
            let loop = EmbeddedEventLoop()
            let cap = Int.random(in: 1...6, using: &random)
            let registry = ConnectionRegistry(maxConnections: cap)
            var open: [Connection] = []
            for step in 0..<80 {
                /// The connection the model expects to be closed for room, if any.
                func oldestWaiting(sparing spared: Connection?) -> Connection? {
                    guard open.count >= cap else { return nil }
                    return open.filter { !$0.busy && $0 !== spared }.min { $0.since < $1.since }
                }
                var expectedClosed: Connection?
                let action = open.isEmpty ? 0 : Int.random(in: 0..<4, using: &random)
                switch action {
                case 0:
                    let connection = Connection(EmbeddedChannel(loop: loop), since: step)
                    open.append(connection)
                    expectedClosed = oldestWaiting(sparing: connection)
                    registry.register(connection.channel)
                case 1, 2:
                    let connection = open[Int.random(in: 0..<open.count, using: &random)]
                    connection.busy = action == 1
                    connection.since = step
                    expectedClosed = connection.busy ? nil : oldestWaiting(sparing: connection)
                    registry.update(connection.channel, waiting: !connection.busy)
                default:
                    let connection = open[Int.random(in: 0..<open.count, using: &random)]
                    expectedClosed = connection
                    connection.channel.close(promise: nil)
                }
                loop.run()
                let closed = open.filter(\.closed)
                #expect(closed.map(ObjectIdentifier.init) == expectedClosed.map { [ObjectIdentifier($0)] } ?? [], "seed \(seed) step \(step)")
                #expect(!closed.contains { $0.busy && $0 !== expectedClosed }, "seed \(seed) step \(step)")
                open.removeAll(where: \.closed)
                #expect(registry.count == open.count, "seed \(seed) step \(step)")
            }
        }
    }
}
