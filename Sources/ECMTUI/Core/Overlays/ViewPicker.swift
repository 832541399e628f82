import ECMDomain

/// Choosing a saved view (`v`); counts arrive one by one.
public struct ViewPicker: KeyedOverlay, Equatable {
    public var views: [SavedView]
    public var counts: [Int64: Int] = [:]
    public var cursor = 0
    public init(views: [SavedView]) {
        self.views = views
    }

    public enum Command: Sendable, Equatable { case next, previous, show, close, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.down, .character("j"), .tab], .next, "next view", label: "↓ j", hinted: false),
        OverlayBinding([.up, .character("k"), .backTab], .previous, "previous view", label: "↑ k", hinted: false),
        OverlayBinding([.enter], .show, "shows"),
        OverlayBinding([.escape, .character("q")], .close, "closes", label: "Esc"),
        OverlayBinding(Key.overlayHelpOrQuestionMark, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func viewPickerKey(_ key: Key, _ picker: inout ViewPicker) -> [Effect] {
        switch ViewPicker.command(for: key) {
        case .close?:
            overlay = nil
            return []
        case .next?: picker.cursor = min(picker.cursor + 1, max(0, picker.views.count - 1))
        case .previous?: picker.cursor = max(0, picker.cursor - 1)
        case .show?:
            guard picker.views.indices.contains(picker.cursor) else { return [] }
            return apply(picker.views[picker.cursor])
        case .help?:
            overlay = .overlayHelp(.viewPicker(picker))
            return []
        case nil: break
        }
        overlay = .viewPicker(picker)
        return []
    }
}
