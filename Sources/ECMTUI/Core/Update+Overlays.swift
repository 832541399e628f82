import ECMDomain

/// Keys while an overlay is open: each overlay's component handles them (`Overlays/`).
extension AppState {
    mutating func handleOverlay(key: Key) -> [Effect] {
        guard let overlay else { return [] }
        switch overlay {
        case .help:
            self.overlay = nil
            return []
        case .overlayHelp(let underneath):
            self.overlay = underneath
            return []
        case .search(var search): return searchKey(key, &search)
        case .commandLine(var line): return commandLineKey(key, &line)
        case .typePicker(var picker): return typePickerKey(key, &picker)
        case .form(var form): return formKey(key, &form)
        case .confirm(let confirmation): return confirmationKey(key, confirmation)
        case .userPicker(var picker): return userPickerKey(key, &picker)
        case .filter(var form): return filterKey(key, &form)
        case .viewPicker(var picker): return viewPickerKey(key, &picker)
        case .batchReport(var report): return batchReportKey(key, &report)
        case .commentEditor(var editor): return commentEditorKey(key, &editor)
        }
    }
}
