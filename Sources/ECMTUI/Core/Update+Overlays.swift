import ECMDomain

/// Keys while an overlay is open.
extension AppState {
    mutating func handleOverlay(key: Key) -> [Effect] {
        guard let overlay else { return [] }
        switch overlay {
        case .help:
            self.overlay = nil
            return []
        case .search(var input):
            switch key {
            case .escape:
                self.overlay = nil
                return applySearch("")
            case .enter, .down, .tab:
                self.overlay = nil
                return []
            default:
                guard input.handle(key) else { return [] }
                self.overlay = .search(input)
                return applySearch(input.text)
            }
        case .commandLine(var line):
            return commandLineKey(key, &line)
        case .typePicker(var picker):
            let types = ActivityType.allCases
            switch key {
            case .escape: self.overlay = nil
            case .down, .character("j"), .tab: picker.cursor = (picker.cursor + 1) % types.count
            case .up, .character("k"), .backTab: picker.cursor = (picker.cursor + types.count - 1) % types.count
            case .enter:
                self.overlay = .form(newForm(types[picker.cursor], patientID: picker.patientID, parentID: picker.parentID))
                return []
            case .character(let c):
                if let index = types.firstIndex(where: { $0.shortcut == c }) {
                    self.overlay = .form(newForm(types[index], patientID: picker.patientID, parentID: picker.parentID))
                }
                return []
            default: break
            }
            if case .typePicker = self.overlay { self.overlay = .typePicker(picker) }
            return []
        case .form(var form):
            return formKey(key, &form)
        case .confirm(let confirmation):
            switch key {
            case .character("y"), .character("Y"):
                self.overlay = nil
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
            case .character("n"), .character("N"), .escape, .enter, .character("q"):
                self.overlay = confirmation.previous
            default: break
            }
            return []
        case .userPicker(var picker):
            let matches = picker.matches(in: users)
            switch key {
            case .escape: self.overlay = nil
            case .down, .tab: picker.cursor = min(picker.cursor + 1, max(0, matches.count - 1))
            case .up, .backTab: picker.cursor = max(0, picker.cursor - 1)
            case .enter:
                guard matches.indices.contains(picker.cursor) else { return [] }
                self.overlay = nil
                return assignWrite(picker.purpose, to: matches[picker.cursor])
            default:
                if picker.query.handle(key) { picker.cursor = 0 }
            }
            if case .userPicker = self.overlay { self.overlay = .userPicker(picker) }
            return []
        case .filter(var form):
            return filterKey(key, &form)
        case .viewPicker(var picker):
            switch key {
            case .escape, .character("q"): self.overlay = nil
            case .down, .character("j"), .tab: picker.cursor = min(picker.cursor + 1, max(0, picker.views.count - 1))
            case .up, .character("k"), .backTab: picker.cursor = max(0, picker.cursor - 1)
            case .enter:
                guard picker.views.indices.contains(picker.cursor) else { return [] }
                return apply(picker.views[picker.cursor])
            default: break
            }
            if case .viewPicker = self.overlay { self.overlay = .viewPicker(picker) }
            return []
        case .batchReport(var report):
            let rows = max(1, size.height - 10)
            switch key {
            case .escape, .enter, .character("q"): self.overlay = nil
            case .down, .character("j"): report.cursor = min(report.cursor + 1, max(0, report.rows.count - 1))
            case .up, .character("k"): report.cursor = max(0, report.cursor - 1)
            case .pageDown, .character(" "), .control("f"): report.cursor = min(report.cursor + rows, max(0, report.rows.count - 1))
            case .pageUp, .control("b"): report.cursor = max(0, report.cursor - rows)
            default: break
            }
            if case .batchReport = self.overlay { self.overlay = .batchReport(report) }
            return []
        case .commentEditor(var editor):
            switch key {
            case .escape:
                return closeAsking(status: "Comment discarded")
            case .control("s"):
                guard !editor.input.text.isBlank else {
                    setStatus("Body can't be blank", error: true)
                    return []
                }
                switch editor.target {
                case .marked(let items): return batchComment(editor.input.text, items)
                case .activity(let key, _): return [.write(.comment(patientID: key.patientID, activityID: key.id, body: editor.input.text))]
                }
            case .control("e"):
                return [.openEditor(text: editor.input.text, target: .comment)]
            default:
                _ = editor.input.handle(key)
                self.overlay = .commentEditor(editor)
                return []
            }
        }
    }

    private mutating func formKey(_ key: Key, _ form: inout ActivityForm) -> [Effect] {
        guard !form.submitting else { return [] }
        let isLong = form.focusedRow?.field.isLongText ?? false
        switch key {
        case .escape:
            return closeAsking(status: "Nothing was saved")
        case .control("c"):
            return perform(.quit)
        case .tab:
            form.focus = (form.focus + 1) % form.rows.count
        case .down where !isLong:
            form.focus = (form.focus + 1) % form.rows.count
        case .backTab:
            form.focus = (form.focus + form.rows.count - 1) % form.rows.count
        case .up where !isLong:
            form.focus = (form.focus + form.rows.count - 1) % form.rows.count
        case .control("e"):
            guard let row = form.focusedRow else { return [] }
            overlay = .form(form)
            return [.openEditor(text: row.input.text, target: .formField(row.field))]
        case .control("s"):
            return submit(&form)
        case .enter where !isLong:
            if form.focus == form.rows.count - 1 { return submit(&form) }
            form.focus += 1
        default:
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

    private mutating func filterKey(_ key: Key, _ form: inout FilterForm) -> [Effect] {
        func cycle<T: Equatable>(_ value: T?, _ all: [T], _ step: Int) -> T? {
            let options: [T?] = [nil] + all.map { $0 }
            let index = options.firstIndex { $0 == value } ?? 0
            return options[(index + step + options.count) % options.count]
        }
        switch key {
        case .escape:
            overlay = nil
            return []
        case .enter:
            overlay = nil
            var query = ActivityQuery()
            query.activityType = form.type
            query.status = form.status
            query.assignedToID = form.assignee?.id
            return applyFilter(query)
        case .down, .tab, .character("j"): form.row = (form.row + 1) % 3
        case .up, .backTab, .character("k"): form.row = (form.row + 2) % 3
        case .right, .left, .character(" "), .character("l"), .character("h"):
            let step = key == .left || key == .character("h") ? -1 : 1
            switch form.row {
            case 0: form.type = cycle(form.type, ActivityType.allCases, step)
            case 1: form.status = cycle(form.status, ActivityStatus.allCases, step)
            default: form.assignee = cycle(form.assignee, users, step)
            }
        case .backspace, .delete:
            switch form.row {
            case 0: form.type = nil
            case 1: form.status = nil
            default: form.assignee = nil
            }
        case .character("c"):
            form = FilterForm(type: nil, status: nil, assignee: nil)
        default: break
        }
        overlay = .filter(form)
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
