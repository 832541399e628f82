/// A terminal in memory, for tests: it keeps the screen as cells, counts what was drawn, and
/// replays scripted events.
public final class MemoryTerminal: TerminalDriver {
    public private(set) var screen: Buffer
    public private(set) var drawnCells = 0
    public private(set) var frames = 0
    public var events: [TerminalEvent] = []
    public private(set) var started = false

    public init(size: Size) { screen = Buffer(size: size) }

    public var size: Size { screen.size }

    public func start() throws { started = true }
    public func stop() { started = false }

    public func draw(_ changes: [CellChange], cursor: (x: Int, y: Int)?) {
        frames += 1
        drawnCells += changes.count
        for change in changes where change.x < screen.size.width && change.y < screen.size.height {
            screen[change.x, change.y] = change.cell
        }
    }

    public func resize(to size: Size) {
        screen = Buffer(size: size)
        events.append(.resize(size))
    }

    public func nextEvent(timeoutMilliseconds: Int, wake: Int32?) -> TerminalEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    public func suspend(while body: () throws -> Void) rethrows { try body() }
}
