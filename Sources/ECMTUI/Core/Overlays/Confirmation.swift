import ECMDomain

/// A y/N question, what a yes does, and what a no returns to.
public struct Confirmation: KeyedOverlay, Equatable {
    public enum Outcome: Sendable, Equatable {
        case write(Write)
        /// Run a batch over the marked activities.
        case batch(BatchRun)
        case quit
        /// Close the form or editor without saving, saying so in the status line.
        case discard(status: String)
    }
    public var question: String
    public var onYes: Outcome
    public var previous: Overlay?
    public init(question: String, onYes: Outcome, previous: Overlay? = nil) {
        self.question = question
        self.onYes = onYes
        self.previous = previous
    }

    public enum Command: Sendable, Equatable { case yes, no, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.character("y"), .character("Y")], .yes, "yes", label: "y"),
        OverlayBinding([.character("n"), .character("N"), .escape, .enter, .character("q")], .no, "no", label: "n, Esc or Enter"),
        OverlayBinding(Key.overlayHelpOrQuestionMark, .help, "these keys", hinted: false),
    ]

    /// A yes says what it does; a no, what it returns to.
    public func summary(of binding: OverlayBinding<Command>) -> String {
        switch binding.command {
        case .yes:
            switch onYes {
            case .write(.delete): "delete"
            case .write, .batch: "yes"
            case .quit: "quit"
            case .discard: "discard"
            }
        case .no:
            switch previous {
            case .form?: "back to the form"
            case .commentEditor?: "back to the comment"
            default: "no"
            }
        case .help: binding.summary
        }
    }

    /// The answers, as the question's box lists them ("y: delete · n, Esc or Enter: no").
    public var keys: String {
        Self.bindings.filter(\.hinted).map { "\($0.keysLabel): \(summary(of: $0))" }.joined(separator: " · ")
    }
}

extension AppState {
    mutating func confirmationKey(_ key: Key, _ confirmation: Confirmation) -> [Effect] {
        switch Confirmation.command(for: key) {
        case .yes?:
            overlay = nil
            switch confirmation.onYes {
            case .write(let write): return [.write(write)]
            case .batch(let run): return startBatch(run)
            case .quit:
                quitRequested = true
                return [.quit]
            case .discard(let status):
                setStatus(status)
                return []
            }
        case .no?: overlay = confirmation.previous
        case .help?: overlay = .overlayHelp(.confirm(confirmation))
        case nil: break
        }
        return []
    }
}
