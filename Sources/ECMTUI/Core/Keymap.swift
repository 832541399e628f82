/// The one table of keys: input handling looks keys up here, and help is generated from it.
public enum Keymap {
    public struct Binding: Sendable {
        public let keys: [Key]
        public let action: Action
        /// Panes where it applies; empty means everywhere.
        public let panes: Set<Pane>
    }

    private static let activityPanes: Set<Pane> = [.patients, .timeline, .detail, .comments, .subtasks]

    public static let bindings: [Binding] = [
        Binding(keys: [.character("j"), .down], action: .moveDown, panes: []),
        Binding(keys: [.character("k"), .up], action: .moveUp, panes: []),
        Binding(keys: [.character("g"), .home], action: .top, panes: []),
        Binding(keys: [.character("G"), .end], action: .bottom, panes: []),
        Binding(keys: [.character(" ")], action: .mark, panes: []),
        Binding(keys: [.character("V")], action: .markAll, panes: [.patients, .timeline]),
        Binding(keys: [.pageDown, .control("f")], action: .pageDown, panes: []),
        Binding(keys: [.pageUp, .control("b")], action: .pageUp, panes: []),
        Binding(keys: [.control("d")], action: .halfPageDown, panes: []),
        Binding(keys: [.control("u")], action: .halfPageUp, panes: []),
        Binding(keys: [.enter], action: .open, panes: []),
        Binding(keys: [.escape], action: .back, panes: []),
        Binding(keys: [.tab], action: .focusNext, panes: []),
        Binding(keys: [.backTab], action: .focusPrevious, panes: []),
        Binding(keys: [.character("h"), .left], action: .focusLeft, panes: []),
        Binding(keys: [.character("l"), .right], action: .focusRight, panes: []),
        Binding(keys: [.character("1")], action: .focusPane(.patients), panes: []),
        Binding(keys: [.character("2")], action: .focusPane(.timeline), panes: []),
        Binding(keys: [.character("3")], action: .focusPane(.detail), panes: []),
        Binding(keys: [.character("4")], action: .focusPane(.comments), panes: []),
        Binding(keys: [.character("5")], action: .focusPane(.subtasks), panes: []),
        Binding(keys: [.character("/")], action: .search(nil), panes: [.patients]),
        Binding(keys: [.character("o")], action: .sort, panes: [.patients]),
        Binding(keys: [.character("m")], action: .toggleQueue, panes: []),
        Binding(keys: [.character("v")], action: .view(nil), panes: []),
        Binding(keys: [.character("f")], action: .filter(nil), panes: [.timeline]),
        Binding(keys: [.character("n")], action: .new(nil), panes: [.patients, .timeline, .detail]),
        Binding(keys: [.character("e")], action: .edit, panes: activityPanes),
        Binding(keys: [.character("a")], action: .assign(nil), panes: activityPanes),
        Binding(keys: [.character("t")], action: .claim, panes: activityPanes),
        Binding(keys: [.character("u")], action: .undo, panes: []),
        Binding(keys: [.character("x")], action: .toggleComplete, panes: activityPanes),
        Binding(keys: [.character("X")], action: .cancelActivity, panes: activityPanes),
        Binding(keys: [.character("D")], action: .delete, panes: activityPanes),
        Binding(keys: [.character("c")], action: .comment, panes: activityPanes),
        Binding(keys: [.character("s")], action: .addSubtask, panes: activityPanes),
        Binding(keys: [.character("r")], action: .refresh, panes: []),
        Binding(keys: [.character(":")], action: .commandLine, panes: []),
        Binding(keys: [.character("?"), .function(1)], action: .help, panes: []),
        Binding(keys: [.character("q"), .control("c")], action: .quit, panes: []),
    ]

    /// The action a key does in a pane.
    public static func action(for key: Key, in pane: Pane) -> Action? {
        bindings.first { ($0.panes.isEmpty || $0.panes.contains(pane)) && $0.keys.contains(key) }?.action
    }

    /// The bindings that apply in a pane, for help: pane-specific first.
    public static func help(for pane: Pane) -> [Binding] {
        let applicable = bindings.filter { $0.panes.isEmpty || $0.panes.contains(pane) }
        return applicable.filter { !$0.panes.isEmpty } + applicable.filter { $0.panes.isEmpty }
    }

    /// One line of help: keys and what they do.
    public struct HelpEntry: Sendable, Equatable {
        public let keys: String
        public let summary: String
    }

    /// Help's lines for a pane, from `help(for:)`: the pane numbers share one line (`1-5`).
    public static func helpEntries(for pane: Pane) -> [HelpEntry] {
        var entries: [HelpEntry] = []
        for binding in help(for: pane) {
            if case .focusPane = binding.action {
                guard !entries.contains(where: { $0.keys == "1-5" }) else { continue }
                entries.append(HelpEntry(keys: "1-5", summary: "go to pane 1…5"))
                continue
            }
            entries.append(HelpEntry(keys: binding.keys.map(\.label).joined(separator: " "), summary: binding.action.summary))
        }
        return entries
    }
}
