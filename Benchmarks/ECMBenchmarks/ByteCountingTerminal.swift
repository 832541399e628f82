import ECMDomain
import ECMTUI

/// A `TerminalDriver` that writes nothing and counts the bytes a curses terminal driver would
/// send to an xterm-256color terminal for the changes it is given, the way ncurses encodes them:
///
/// - cells are visited row by row, left to right (the order `Buffer.changes` gives);
/// - a jump to another cell costs a cursor move: `CR LF` (2 bytes) to the start of the next row,
///   `CSI n C` on the same row, else `CSI row ; col H` — unless rewriting up to four skipped cells
///   of the current style from the screen it keeps (as curses keeps `curscr`) is cheaper;
/// - a style different from the last one costs one SGR: `CSI 0 [;1][;2][;4][;7][;38;5;N][;48;5;N] m`,
///   with the colours `NcursesTerminal`'s 256-colour palette gives each role;
/// - each grapheme costs its UTF-8 bytes (a wide one advances two columns);
/// - a shown cursor costs a cursor move and `CSI ? 25 h`.
///
/// It does not model ncurses' line-shift (scrolling-region) optimisation, which needs whole
/// terminal-width lines and so never applies to a pane beside other panes. The whole-process
/// figure from `scripts/benchmark.sh` (real ncurses output read from a pseudo-terminal) checks it.
final class ByteCountingTerminal: TerminalDriver {
    private(set) var bytes = 0
    private(set) var cells = 0
    private var screen: Buffer
    private var cursorX = -1
    private var cursorY = -1
    private var currentStyle: Style?

    init(size: Size) { screen = Buffer(size: size) }

    var size: Size { screen.size }
    func start() throws {}
    func stop() {}
    func nextEvent(timeoutMilliseconds: Int, wake: Int32?) -> TerminalEvent? { nil }
    func suspend(while body: () throws -> Void) rethrows { try body() }

    func draw(_ changes: [CellChange], cursor: (x: Int, y: Int)?) {
        for change in changes where change.x < screen.size.width && change.y < screen.size.height {
            screen[change.x, change.y] = change.cell
        }
        for change in changes where !change.cell.text.isEmpty {
            cells += 1
            moveTo(x: change.x, y: change.y)
            setStyle(change.cell.style)
            bytes += change.cell.text.utf8.count
            cursorX = change.x + (DisplayWidth.of(change.cell.text) == 2 ? 2 : 1)
        }
        if let cursor {
            moveTo(x: cursor.x, y: cursor.y)
            bytes += 6  // CSI ? 25 h
        }
    }

    private func moveTo(x: Int, y: Int) {
        defer {
            cursorX = x
            cursorY = y
        }
        if y == cursorY && x == cursorX { return }
        if y == cursorY && x > cursorX && cursorX >= 0 {
            let gap = x - cursorX
            let forward = 3 + digits(gap)
            var rewrite = 0
            if gap <= 4, let style = currentStyle {
                for column in cursorX..<x {
                    let cell = screen[column, y]
                    if cell.style != style || cell.text.isEmpty { rewrite = .max; break }
                    rewrite += cell.text.utf8.count
                }
            } else {
                rewrite = .max
            }
            bytes += min(forward, rewrite)
            return
        }
        if y == cursorY + 1 && x == 0 {
            bytes += 2
            return
        }
        bytes += 4 + digits(y + 1) + digits(x + 1)
    }

    private func setStyle(_ style: Style) {
        guard style != currentStyle else { return }
        currentStyle = style
        let (foreground, background, attributes) = Self.palette[style.role] ?? (nil, nil, [])
        var sgr = 3  // CSI 0 … m
        for attribute in attributes { sgr += 1 + attribute.count }
        if style.bold { sgr += 2 }
        if style.underline { sgr += 2 }
        if let foreground { sgr += 6 + digits(foreground) }
        if let background { sgr += 6 + digits(background) }
        bytes += sgr + 1
    }

    private func digits(_ n: Int) -> Int { n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4 }

    /// `NcursesTerminal`'s 256-colour scheme: foreground, background, attributes per role.
    private static let palette: [Style.Role: (Int?, Int?, [String])] = [
        .dim: (245, nil, []), .accent: (39, nil, []), .title: (252, 236, []), .selected: (16, 117, []),
        .selectedUnfocused: (nil, 238, []), .error: (203, nil, ["1"]), .success: (114, nil, []),
        .warning: (221, nil, []), .border: (240, nil, []), .key: (221, nil, ["1"]), .typeTask: (75, nil, []),
        .typeNote: (183, nil, []), .typeSMS: (114, nil, []), .typeCall: (80, nil, []), .typeEmail: (215, nil, []),
        .typeVisit: (211, nil, []),
    ]
}
