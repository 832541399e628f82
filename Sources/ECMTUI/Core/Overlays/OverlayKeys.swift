import ECMDomain

/// One key binding of an overlay: the keys, the command they give, and how the overlay's hint
/// line and its help (F1) name them.
public struct OverlayBinding<Command: Sendable & Equatable>: Sendable {
    public let keys: [Key]
    public let command: Command
    /// What it does, in a word or two ("picks", "cancels").
    public let summary: String
    /// How the keys are written when not by their own labels ("↑↓", "t n s c e v").
    public let label: String?
    /// Whether the hint line names it; help always does.
    public let hinted: Bool
    /// What help says it does, where the hint's word or two is not enough.
    public let help: String?

    public init(_ keys: [Key], _ command: Command, _ summary: String, label: String? = nil, hinted: Bool = true, help: String? = nil) {
        self.keys = keys
        self.command = command
        self.summary = summary
        self.label = label
        self.hinted = hinted
        self.help = help
    }

    public var keysLabel: String { label ?? keys.map(\.label).joined(separator: " ") }
}

/// An overlay that owns its keys: a key is looked up in its `bindings`, and its hint line and
/// its help are drawn from the same table, so what it says is what it does.
public protocol KeyedOverlay: Sendable {
    associatedtype Command: Sendable & Equatable
    static var bindings: [OverlayBinding<Command>] { get }
    /// How this overlay, as it stands, words a binding (a question says what its yes does).
    func summary(of binding: OverlayBinding<Command>) -> String
}

extension KeyedOverlay {
    public func summary(of binding: OverlayBinding<Command>) -> String { binding.summary }

    /// The command a key gives here, if any (text overlays type the rest).
    public static func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// The hint line, as many bindings as fit in `width` in table order; when some do not fit,
    /// the last words say where all of them are.
    public func hintLine(width: Int = .max) -> String {
        let entries = Self.bindings.filter(\.hinted).map { "\($0.keysLabel) \(summary(of: $0))" }
        let whole = entries.joined(separator: " · ")
        guard DisplayWidth.of(whole) > width else { return whole }
        let more = "F1 all keys"
        var shown: [String] = []
        for entry in entries where !entry.hasPrefix("F1 ") {
            let candidate = (shown + [entry, more]).joined(separator: " · ")
            guard DisplayWidth.of(candidate) <= width else { break }
            shown.append(entry)
        }
        return (shown + [more]).joined(separator: " · ")
    }

    /// Help's lines for this overlay: every binding.
    public var helpEntries: [Keymap.HelpEntry] {
        Self.bindings.map { Keymap.HelpEntry(keys: $0.keysLabel, summary: $0.help ?? summary(of: $0)) }
    }
}

/// F1 shows an overlay's keys in every overlay; `?` too where it is not typed.
extension Key {
    static let overlayHelp: [Key] = [.function(1)]
    static let overlayHelpOrQuestionMark: [Key] = [.function(1), .character("?")]
}
