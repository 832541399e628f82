import ECMDomain

/// `:` with completion.
public struct CommandLine: KeyedOverlay, Equatable {
    public var input = TextInput()
    public var completions: [String] = []
    public var completionIndex: Int?
    public init() {}

    public enum Command: Sendable, Equatable { case run, complete, completeBack, cancel, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.enter], .run, "runs"),
        OverlayBinding([.tab], .complete, "completes"),
        OverlayBinding([.backTab], .completeBack, "completes backwards", hinted: false),
        OverlayBinding([.escape], .cancel, "cancels"),
        OverlayBinding(Key.overlayHelp, .help, "these keys", hinted: false),
    ]
}
