import ECMDomain

/// `/`: the patients list narrowed as the search is typed: name words, a date of birth, an id,
/// a CIN or its end, a phone's end (what `ECMDomain.PatientSearch` makes of it, in every store).
public struct PatientSearch: KeyedOverlay, Equatable {
    public var input: TextInput
    public init(_ text: String = "") { input = TextInput(text) }

    public enum Command: Sendable, Equatable { case clear, keep, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.enter, .down, .tab], .keep, "keeps the list", label: "Enter"),
        OverlayBinding([.escape], .clear, "clears"),
        OverlayBinding(Key.overlayHelp, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func searchKey(_ key: Key, _ search: inout PatientSearch) -> [Effect] {
        switch PatientSearch.command(for: key) {
        case .clear?:
            overlay = nil
            return applySearch("")
        case .keep?:
            overlay = nil
            return []
        case .help?:
            overlay = .overlayHelp(.search(search))
            return []
        case nil:
            guard search.input.handle(key) else { return [] }
            overlay = .search(search)
            return applySearch(search.input.text)
        }
    }
}
