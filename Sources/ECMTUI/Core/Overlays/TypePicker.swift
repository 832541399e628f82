import ECMDomain

/// Choosing the type of a new activity (or subtask).
public struct TypePicker: KeyedOverlay, Equatable {
    public var cursor = 0
    public var patientID: Int64
    public var parentID: Int64?
    public init(patientID: Int64, parentID: Int64?) {
        self.patientID = patientID
        self.parentID = parentID
    }

    public enum Command: Sendable, Equatable { case next, previous, pick, pickByLetter, cancel, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.down, .character("j"), .tab], .next, "next type", label: "↓ j", hinted: false),
        OverlayBinding([.up, .character("k"), .backTab], .previous, "previous type", label: "↑ k", hinted: false),
        OverlayBinding([.enter], .pick, "picks"),
        OverlayBinding(
            ActivityType.allCases.map { .character($0.shortcut) }, .pickByLetter, "picks", label: "letter",
            help: "t task · n note · s SMS · c call · e email · v visit"),
        OverlayBinding([.escape], .cancel, "cancels"),
        OverlayBinding(Key.overlayHelpOrQuestionMark, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func typePickerKey(_ key: Key, _ picker: inout TypePicker) -> [Effect] {
        let types = ActivityType.allCases
        switch TypePicker.command(for: key) {
        case .cancel?:
            overlay = nil
            return []
        case .next?: picker.cursor = (picker.cursor + 1) % types.count
        case .previous?: picker.cursor = (picker.cursor + types.count - 1) % types.count
        case .pick?:
            overlay = .form(newForm(types[picker.cursor], patientID: picker.patientID, parentID: picker.parentID))
            return []
        case .pickByLetter?:
            guard case .character(let letter) = key, let type = types.first(where: { $0.shortcut == letter }) else { return [] }
            overlay = .form(newForm(type, patientID: picker.patientID, parentID: picker.parentID))
            return []
        case .help?:
            overlay = .overlayHelp(.typePicker(picker))
            return []
        case nil: break
        }
        overlay = .typePicker(picker)
        return []
    }
}

extension ActivityType {
    /// The letter that picks the type in the type picker.
    public var shortcut: Character {
        switch self {
        case .task: "t"
        case .note: "n"
        case .sms: "s"
        case .call: "c"
        case .email: "e"
        case .inPersonAppointment: "v"
        }
    }
}
