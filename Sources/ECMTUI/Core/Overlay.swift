import ECMDomain

/// What sits above the panes and takes the keys first. Each overlay is a component (in
/// `Overlays/`) that owns its keys through a binding table, from which its hint line and its
/// help are drawn, and holds what it acts on from the moment it opens.
public indirect enum Overlay: Sendable, Equatable {
    /// The panes' keys (`?`).
    case help
    /// An overlay's own keys (F1, or `?` where it is not typed); any key returns to it.
    case overlayHelp(Overlay)
    /// Patients search, typed live.
    case search(PatientSearch)
    case commandLine(CommandLine)
    case typePicker(TypePicker)
    case form(ActivityForm)
    case confirm(Confirmation)
    case userPicker(UserPicker)
    case filter(FilterForm)
    case commentEditor(CommentEditor)
    /// What became of each item of a finished batch.
    case batchReport(BatchReport)
    /// Saved views, with their live counts (`v`).
    case viewPicker(ViewPicker)

    /// The overlay a help box covers, or the overlay itself.
    var beneathHelp: Overlay {
        if case .overlayHelp(let underneath) = self { underneath } else { self }
    }

    /// What its help calls it, and its keys, from its binding table.
    var keys: (title: String, entries: [Keymap.HelpEntry]) {
        switch self {
        case .help, .overlayHelp: ("Help", [])
        case .search(let search): ("Search patients", search.helpEntries)
        case .commandLine(let line): ("Command line", line.helpEntries)
        case .typePicker(let picker): ("New activity", picker.helpEntries)
        case .form(let form): ("Form", form.helpEntries)
        case .confirm(let confirmation): ("Question", confirmation.helpEntries)
        case .userPicker(let picker): ("Assign to", picker.helpEntries)
        case .filter(let form): ("Filter timeline", form.helpEntries)
        case .commentEditor(let editor): ("Comment", editor.helpEntries)
        case .batchReport(let report): ("Batch result", report.helpEntries)
        case .viewPicker(let picker): ("Views", picker.helpEntries)
        }
    }
}
