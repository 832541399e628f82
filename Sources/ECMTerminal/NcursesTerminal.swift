import CNcursesw
import ECMTUI
import Foundation

/// `TerminalDriver` over ncursesw: wide characters, 256 colours when the terminal has them,
/// bold/reverse without colours (or with NO_COLOR), resize, Esc without a second's delay.
public final class NcursesTerminal: TerminalDriver {
    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var input: UnsafeMutablePointer<FILE>?
    private var output: UnsafeMutablePointer<FILE>?
    private var palette = Palette.monochrome
    private let useColor: Bool
    /// How long (ms) an Esc waits for the rest of an escape sequence: short, so Esc feels instant.
    private static let escapeDelay: Int32 = 25

    public init(useColor: Bool = ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true) {
        self.useColor = useColor
    }

    public var size: Size {
        guard let window else { return Size(width: 80, height: 24) }
        return Size(width: Int(getmaxx(window)), height: Int(getmaxy(window)))
    }

    public enum StartError: Error, CustomStringConvertible {
        case noTerminal(String)
        public var description: String {
            switch self {
            case .noTerminal(let term): "cannot start the terminal UI on this terminal (TERM=\(term))"
            }
        }
    }

    public func start() throws {
        _ = ecm_set_locale()
        output = fdopen(dup(STDOUT_FILENO), "w")
        input = fdopen(dup(STDIN_FILENO), "r")
        guard let screen = newterm(nil, output, input) else {
            throw StartError.noTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "unset")
        }
        self.screen = screen
        set_term(screen)
        window = ecm_stdscr()
        raw()  // Ctrl-C, Ctrl-S and Ctrl-Z reach the UI as keys
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(Self.escapeDelay)
        curs_set(0)
        if useColor, has_colors() {
            start_color()
            use_default_colors()
            palette = Palette.make(colors: Int(ecm_colors()), pairs: Int(ecm_color_pairs()))
        }
        wclear(window)
    }

    public func stop() {
        guard screen != nil else { return }
        curs_set(1)
        endwin()
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
        if let output { fclose(output) }
        if let input { fclose(input) }
        output = nil
        input = nil
    }

    public func draw(_ changes: [CellChange], cursor: (x: Int, y: Int)?) {
        guard let window else { return }
        var chars = [wchar_t](repeating: 0, count: 6)
        for change in changes {
            let cell = change.cell
            if cell.text.isEmpty { continue }  // the right half of a wide grapheme
            // ncurses holds a base character and up to four combining marks per cell; a longer
            // cluster (a family emoji) shows its first scalars.
            var count = 0
            for scalar in cell.text.unicodeScalars.prefix(5) {
                chars[count] = wchar_t(bitPattern: scalar.value)
                count += 1
            }
            chars[count] = 0
            let (attributes, pair) = palette.attributes(for: cell.style)
            _ = ecm_put_cell(window, Int32(change.y), Int32(change.x), chars, attributes, pair)
        }
        if let cursor {
            curs_set(1)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        wnoutrefresh(window)
        doupdate()
    }

    public func nextEvent(timeoutMilliseconds: Int, wake: Int32?) -> TerminalEvent? {
        guard let window, let input else { return nil }
        // Keys ncurses has already read (typeahead, the rest of a paste) come first.
        wtimeout(window, 0)
        if let event = readEvent(window) { return event }
        // Then wait for the terminal or the wake descriptor, whichever is first. A resize
        // (SIGWINCH) interrupts the wait or is picked up by the next one.
        var descriptors = [pollfd(fd: fileno(input), events: Int16(POLLIN), revents: 0)]
        if let wake { descriptors.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
        _ = poll(&descriptors, nfds_t(descriptors.count), Int32(timeoutMilliseconds))
        guard descriptors[0].revents != 0 else { return readEvent(window) }  // KEY_RESIZE, if any
        // Input is there: wait as ncurses would for the rest of an escape sequence.
        wtimeout(window, Self.escapeDelay)
        return readEvent(window)
    }

    private func readEvent(_ window: UnsafeMutablePointer<WINDOW>) -> TerminalEvent? {
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == ERR { return nil }
        if result == KEY_CODE_YES {
            if Int32(value) == KEY_RESIZE { return .resize(size) }
            return Self.functionKey(Int32(value)).map(TerminalEvent.key)
        }
        return Self.characterKey(UInt32(value)).map(TerminalEvent.key)
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_BTAB: .backTab
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case KEY_ENTER: .enter
        case (KEY_F0 + 1)...(KEY_F0 + 24): .function(Int(code - KEY_F0))
        default: nil
        }
    }

    static func characterKey(_ value: UInt32) -> Key? {
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(value + 96)!))
        case 0, 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    public func suspend(while body: () throws -> Void) rethrows {
        def_prog_mode()
        endwin()
        defer {
            reset_prog_mode()
            if let window { wclear(window) }
        }
        try body()
    }
}

/// How each style role looks: colour pairs when the terminal has colours, else attributes only.
struct Palette {
    var entries: [Style.Role: (attr_t, Int16)]

    static let monochrome = Palette(entries: [
        .selected: (ecm_a_reverse | ecm_a_bold, 0), .selectedUnfocused: (ecm_a_underline, 0), .title: (ecm_a_reverse, 0),
        .error: (ecm_a_bold, 0), .dim: (ecm_a_dim, 0), .key: (ecm_a_bold, 0), .warning: (ecm_a_bold, 0),
    ])

    static func make(colors: Int, pairs: Int) -> Palette {
        let rich = colors >= 256
        // (foreground, background) per role; -1 is the terminal's own colour.
        let scheme: [(Style.Role, Int16, Int16, attr_t)] = [
            (.dim, rich ? 245 : Int16(COLOR_WHITE), -1, rich ? 0 : ecm_a_dim),
            (.accent, rich ? 39 : Int16(COLOR_CYAN), -1, 0),
            (.title, rich ? 252 : Int16(COLOR_WHITE), rich ? 236 : Int16(COLOR_BLUE), 0),
            (.selected, rich ? 16 : Int16(COLOR_BLACK), rich ? 117 : Int16(COLOR_CYAN), 0),
            (.selectedUnfocused, -1, rich ? 238 : -1, rich ? 0 : ecm_a_underline),
            (.error, rich ? 203 : Int16(COLOR_RED), -1, ecm_a_bold),
            (.success, rich ? 114 : Int16(COLOR_GREEN), -1, 0),
            (.warning, rich ? 221 : Int16(COLOR_YELLOW), -1, 0),
            (.border, rich ? 240 : Int16(COLOR_WHITE), -1, rich ? 0 : ecm_a_dim),
            (.key, rich ? 221 : Int16(COLOR_YELLOW), -1, ecm_a_bold),
            (.typeTask, rich ? 75 : Int16(COLOR_BLUE), -1, 0),
            (.typeNote, rich ? 183 : Int16(COLOR_MAGENTA), -1, 0),
            (.typeSMS, rich ? 114 : Int16(COLOR_GREEN), -1, 0),
            (.typeCall, rich ? 80 : Int16(COLOR_CYAN), -1, 0),
            (.typeEmail, rich ? 215 : Int16(COLOR_YELLOW), -1, 0),
            (.typeVisit, rich ? 211 : Int16(COLOR_RED), -1, 0),
        ]
        var palette = Palette(entries: [:])
        for (index, entry) in scheme.enumerated() where index + 1 < pairs {
            init_pair(Int16(index + 1), entry.1, entry.2)
            palette.entries[entry.0] = (entry.3, Int16(index + 1))
        }
        return palette
    }

    func attributes(for style: Style) -> (attr_t, Int16) {
        var (attributes, pair) = entries[style.role] ?? (0, 0)
        if style.bold { attributes |= ecm_a_bold }
        if style.underline { attributes |= ecm_a_underline }
        return (attributes, pair)
    }
}
