import ECMDomain

/// The form's keys. ↑↓ and Enter move between fields except in a long text (a note's body),
/// where they move and break lines within it.
extension ActivityForm: KeyedOverlay {
    public enum Command: Sendable, Equatable { case nextField, previousField, enter, save, externalEditor, cancel, quit, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.tab, .down], .nextField, "fields", label: "Tab/↑↓", help: "next field (in a long text ↓ moves within it)"),
        OverlayBinding([.backTab, .up], .previousField, "previous field", label: "Shift-Tab ↑", hinted: false),
        OverlayBinding([.enter], .enter, "next/save", help: "next field; on the last one, save"),
        OverlayBinding([.control("s")], .save, "save"),
        OverlayBinding([.control("e")], .externalEditor, "$EDITOR", help: "edit this field in $EDITOR"),
        OverlayBinding([.escape], .cancel, "cancel", help: "close (asks first if text was typed)"),
        OverlayBinding([.control("c")], .quit, "quit ecm", hinted: false),
        OverlayBinding(Key.overlayHelp, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func formKey(_ key: Key, _ form: inout ActivityForm) -> [Effect] {
        guard !form.submitting else { return [] }
        let inLongText = form.focusedRow?.field.isLongText ?? false
        var command = ActivityForm.command(for: key)
        // In a long text the arrows and Enter edit the text.
        if inLongText, [.down, .up, .enter].contains(key) { command = nil }
        switch command {
        case .cancel?:
            return closeAsking(status: "Nothing was saved")
        case .quit?:
            return perform(.quit)
        case .nextField?:
            form.focus = (form.focus + 1) % form.rows.count
        case .previousField?:
            form.focus = (form.focus + form.rows.count - 1) % form.rows.count
        case .externalEditor?:
            guard let row = form.focusedRow else { return [] }
            overlay = .form(form)
            return [.openEditor(text: row.input.text, target: .formField(row.field))]
        case .save?:
            return submit(&form)
        case .enter?:
            if form.focus == form.rows.count - 1 { return submit(&form) }
            form.focus += 1
        case .help?:
            overlay = .overlayHelp(.form(form))
            return []
        case nil:
            guard form.rows.indices.contains(form.focus) else { return [] }
            if form.rows[form.focus].input.handle(key), form.rows[form.focus].field == .assignedToID {
                form.assignee = bestMatch(form.rows[form.focus].input.text)
            }
            form.errors[form.rows[form.focus].field] = nil
        }
        overlay = .form(form)
        return []
    }

    /// The user a typed name means: the best `NameMatch`.
    func bestMatch(_ text: String) -> User? {
        guard !text.isBlank else { return nil }
        return NameMatch.ranked(users, query: text, name: \.name).first
    }

    private mutating func submit(_ form: inout ActivityForm) -> [Effect] {
        let local = form.localErrors()
        guard local.isEmpty else {
            form.show(local)
            overlay = .form(form)
            return []
        }
        let input = form.input()
        form.submitting = true
        form.errors = [:]
        form.generalErrors = []
        overlay = .form(form)
        switch form.mode {
        case .create(let patientID, _):
            return [.write(.create(patientID: patientID, input: input))]
        case .edit(let patientID, let id, let revision, _):
            guard !input.isEmpty else {
                overlay = nil
                setStatus("Nothing changed")
                return []
            }
            return [.write(.update(patientID: patientID, id: id, input: input, ifRevision: revision, purpose: .form))]
        }
    }
}
