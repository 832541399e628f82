import ECMDomain

/// Picking a user by typing part of their name.
public struct UserPicker: KeyedOverlay, Equatable {
    public enum Purpose: Sendable, Equatable {
        case assign(patientID: Int64, activityID: Int64, revision: Int64?)
        /// Every marked activity, after one confirmation.
        case assignMarked
    }
    public var query = TextInput()
    public var cursor = 0
    public var purpose: Purpose
    public init(purpose: Purpose, query: String = "") {
        self.purpose = purpose
        self.query = TextInput(query)
    }

    /// Users whose name matches the query, best first (`NameMatch`, as every picker).
    public func matches(in users: [User]) -> [User] {
        NameMatch.ranked(users, query: query.text, name: \.name)
    }

    public enum Command: Sendable, Equatable { case next, previous, assign, cancel, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.down, .tab], .next, "choose", label: "↑↓"),
        OverlayBinding([.up, .backTab], .previous, "previous", hinted: false),
        OverlayBinding([.enter], .assign, "assigns"),
        OverlayBinding([.escape], .cancel, "cancels"),
        OverlayBinding(Key.overlayHelp, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func userPickerKey(_ key: Key, _ picker: inout UserPicker) -> [Effect] {
        let matches = picker.matches(in: users)
        switch UserPicker.command(for: key) {
        case .cancel?:
            overlay = nil
            return []
        case .next?: picker.cursor = min(picker.cursor + 1, max(0, matches.count - 1))
        case .previous?: picker.cursor = max(0, picker.cursor - 1)
        case .assign?:
            guard matches.indices.contains(picker.cursor) else { return [] }
            overlay = nil
            return assignWrite(picker.purpose, to: matches[picker.cursor])
        case .help?:
            overlay = .overlayHelp(.userPicker(picker))
            return []
        case nil:
            if picker.query.handle(key) { picker.cursor = 0 }
        }
        overlay = .userPicker(picker)
        return []
    }
}
