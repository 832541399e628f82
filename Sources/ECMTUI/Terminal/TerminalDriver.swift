/// The one owner of the terminal. The UI loop draws frames through it and reads events from it;
/// nothing else writes to the terminal.
public protocol TerminalDriver: AnyObject {
    /// The terminal's size now.
    var size: Size { get }
    /// Takes over the terminal (full screen, raw keys).
    func start() throws
    /// Gives the terminal back as it was. Safe to call more than once.
    func stop()
    /// Draws the cells that changed; `cursor` places the visible cursor (nil hides it).
    func draw(_ changes: [CellChange], cursor: (x: Int, y: Int)?)
    /// Waits up to `timeoutMilliseconds` for a key or a resize, returning nil early when `wake`
    /// (a file descriptor that background work writes to) becomes readable.
    func nextEvent(timeoutMilliseconds: Int, wake: Int32?) -> TerminalEvent?
    /// Hands the terminal to another program (an editor) and takes it back afterwards.
    func suspend(while body: () throws -> Void) rethrows
}

/// Keeps the last frame and sends only the difference to the driver.
public final class FrameRenderer {
    private var previous: Buffer?
    public private(set) var lastChangeCount = 0

    public init() {}

    public func render(_ frame: Buffer, cursor: (x: Int, y: Int)?, to driver: any TerminalDriver) {
        let changes = frame.changes(since: previous)
        lastChangeCount = changes.count
        driver.draw(changes, cursor: cursor)
        previous = frame
    }

    /// Forgets the last frame, so the next one is drawn whole (after a resize or an editor).
    public func invalidate() { previous = nil }
}
