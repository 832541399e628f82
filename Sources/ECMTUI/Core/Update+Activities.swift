import ECMDomain
import Foundation

/// Creating, editing, completing, cancelling, reassigning, deleting and commenting.
extension AppState {
    /// The patient new activities go to: the timeline's, or the queue item's.
    var patientForNew: Int64? {
        if focusedList == .queue { return queue.selected?.patientID }
        if focus == .patients { return patients.selected?.id ?? patient?.id }
        return patient?.id ?? detail?.patientID
    }

    mutating func new(_ type: ActivityType?) -> [Effect] {
        guard let patientID = patientForNew else {
            setStatus("Choose a patient first", error: true)
            return []
        }
        if let type {
            overlay = .form(newForm(type, patientID: patientID, parentID: nil))
        } else {
            overlay = .typePicker(TypePicker(patientID: patientID, parentID: nil))
        }
        return []
    }

    /// An empty form for a new activity, assigned to the acting user by default.
    func newForm(_ type: ActivityType, patientID: Int64, parentID: Int64?) -> ActivityForm {
        var form = ActivityForm(type: type, mode: .create(patientID: patientID, parentID: parentID), assignee: me)
        form.timeZone = configuration.timeZone
        form.patientName = patientName(patientID)
        return form
    }

    /// The name of a patient the UI has at hand (the timeline's, the detail's, a list row's).
    func patientName(_ id: Int64) -> String? {
        if patient?.id == id { return patient?.name }
        if detail?.patientID == id { return detail?.patientName }
        if let item = queue.selected, item.patientID == id { return item.patientName }
        if let row = patients.selected, row.id == id { return row.name }
        return nil
    }

    /// "task 12 for José Núñez": the selected activity as titles and questions name it.
    var selectedActivityName: String {
        guard let target = selectedActivity else { return "no activity" }
        let type = target.summary?.activityType ?? (detail?.id == target.id ? detail?.activityType : nil)
        let name = "\(type?.label.lowercased() ?? "activity") \(target.id)"
        return patientName(target.patientID).map { "\(name) for \($0)" } ?? name
    }

    mutating func addSubtask() -> [Effect] {
        guard let target = selectedActivity else { return noActivity() }
        let type = target.summary?.activityType ?? (detail?.id == target.id ? detail?.activityType : nil)
        guard let type else { return notLoaded() }
        guard type == .task else {
            setStatus("Subtasks can only be added to tasks (this is \(type.article) \(type.label.lowercased()))", error: true)
            return []
        }
        overlay = .form(newForm(.task, patientID: target.patientID, parentID: target.id))
        return []
    }

    mutating func edit() -> [Effect] {
        guard let target = selectedActivity else { return noActivity() }
        guard let detail, detail.id == target.id else { return notLoaded() }
        var form = ActivityForm(editing: detail, users: users, timeZone: configuration.timeZone)
        form.patientName = detail.patientName
        overlay = .form(form)
        return []
    }

    mutating func assign(_ name: String?) -> [Effect] {
        var picker: UserPicker
        if marks.isEmpty {
            guard let target = selectedActivity else { return noActivity() }
            let revision = detail?.id == target.id ? detail?.revision : target.summary?.revision
            picker = UserPicker(purpose: .assign(patientID: target.patientID, activityID: target.id, revision: revision), query: name ?? "")
        } else {
            picker = UserPicker(purpose: .assignMarked, query: name ?? "")
        }
        let matches = picker.matches(in: users)
        if name != nil, matches.count == 1 {
            return assignWrite(picker.purpose, to: matches[0])
        }
        picker.cursor = 0
        overlay = .userPicker(picker)
        return []
    }

    mutating func assignWrite(_ purpose: UserPicker.Purpose, to user: User) -> [Effect] {
        guard case .assign(let patientID, let id, let revision) = purpose else { return batchAssign(to: user) }
        var input = ActivityInput()
        input.assignedToID = .value(user.id)
        let write = Write.update(patientID: patientID, id: id, input: input, ifRevision: revision, purpose: .assign)
        // The previous assignee, when the activity was read (its revision guards the undo).
        if let revision, let current = detail, current.id == id, current.revision == revision {
            var reverse = ActivityInput()
            reverse.assignedToID = current.assignedToID.map(Field.value) ?? .null
            undoable[write] = reverse
        }
        return [.write(write)]
    }

    /// `t`: take the selected activity. Unassigned, it is taken at once; someone else's asks
    /// first ("Take Task 412 from Rosa V.?"). Either way the write carries the revision read, so
    /// a change made meanwhile (someone took it first) is refused, never overwritten.
    mutating func claim() -> [Effect] {
        guard let target = selectedActivity else { return noActivity() }
        guard let me, let current = detail, current.id == target.id else { return notLoaded() }
        if current.assignedToID == me.id {
            setStatus("\(current.activityType.label) \(current.id) is already yours")
            return []
        }
        var input = ActivityInput()
        input.assignedToID = .value(me.id)
        let write = Write.update(patientID: current.patientID, id: current.id, input: input, ifRevision: current.revision, purpose: .claim)
        var reverse = ActivityInput()
        reverse.assignedToID = current.assignedToID.map(Field.value) ?? .null
        undoable[write] = reverse
        guard let owner = current.assignedToName else { return [.write(write)] }
        overlay = .confirm(Confirmation(
            question: "Take \(current.activityType.label) \(current.id) from \(ActivityListView.Columns.shortName(owner))?", onYes: .write(write)))
        return []
    }

    /// `u`: the reverse of the last action, with the revision it left. A delete or a form's save
    /// cannot be undone, and says so.
    mutating func undoLast() -> [Effect] {
        guard let undo else {
            setStatus("Nothing to undo (completing, reopening, cancelling, assigning and taking can be undone; deleting and saving a form cannot)")
            return []
        }
        guard undo.items.isEmpty, let write = undo.writes.first else { return undoBatch(undo) }
        return [.write(write)]
    }

    /// `x`: complete, or back to created; `X`: cancel.
    mutating func setStatusOfSelected(toggle: Bool) -> [Effect] {
        guard let target = selectedActivity else { return noActivity() }
        let current = target.summary?.status ?? (detail?.id == target.id ? detail?.status : nil)
        guard let current else { return notLoaded() }
        let newStatus: ActivityStatus
        let purpose: UpdatePurpose
        if toggle {
            (newStatus, purpose) = current == .created ? (.complete, .complete) : (.created, .reopen)
        } else {
            guard current != .cancelled else {
                setStatus("Already cancelled (x reopens it)")
                return []
            }
            (newStatus, purpose) = (.cancelled, .cancel)
        }
        var input = ActivityInput()
        input.status = .value(newStatus.rawValue)
        let revision = detail?.id == target.id ? detail?.revision : target.summary?.revision
        let write = Write.update(patientID: target.patientID, id: target.id, input: input, ifRevision: revision, purpose: purpose)
        var reverse = ActivityInput()
        reverse.status = .value(current.rawValue)
        undoable[write] = reverse
        return [.write(write)]
    }

    mutating func delete() -> [Effect] {
        guard let target = selectedActivity else { return noActivity() }
        let detailOfTarget = detail?.id == target.id ? detail : nil
        let type = target.summary?.activityType ?? detailOfTarget?.activityType
        let subtasks = detailOfTarget?.subtasks.count ?? target.summary?.subtasksCount ?? 0
        let comments = detailOfTarget?.comments.count ?? target.summary?.commentsCount ?? 0
        var what: [String] = []
        if subtasks > 0 { what.append("\(subtasks) subtask\(subtasks == 1 ? "" : "s")") }
        if comments > 0 { what.append("\(comments) comment\(comments == 1 ? "" : "s")") }
        var name = "\(type?.label ?? "activity") \(target.id)"
        let texts = [target.summary?.headline, detailOfTarget?.message, detailOfTarget?.subject, detailOfTarget?.body]
        if let text = texts.compactMap({ $0 }).first(where: { !$0.isBlank }) {
            let line = String(text.split(separator: "\n").first ?? "")
            name += " “\(line.count > 60 ? line.prefix(59) + "…" : line)”"
        }
        if let patient = patientName(target.patientID) { name += " for \(patient)" }
        let question = "Delete \(name)" + (what.isEmpty ? "" : " and \(what.joined(separator: ", "))") + "?"
        overlay = .confirm(Confirmation(
            question: question,
            onYes: .write(.delete(patientID: target.patientID, id: target.id, ifRevision: detailOfTarget?.revision))))
        return []
    }

    /// `:retry`: the selected email's failed message, tried again now.
    mutating func retryEmail() -> [Effect] {
        guard let selected = selectedActivity else { return noActivity() }
        let status = (detail?.id == selected.id ? detail?.emailDelivery?.status : nil) ?? selected.summary?.emailStatus
        guard status == .failed else {
            setStatus("Only a failed email can be tried again", error: true)
            return []
        }
        return [.write(.retryEmail(activityID: selected.id))]
    }

    /// `c`: a comment on the selected activity, or (with marks) on every marked one.
    mutating func comment() -> [Effect] {
        if !marks.isEmpty {
            overlay = .commentEditor(CommentEditor(target: .marked(markedItems)))
            return []
        }
        guard let target = selectedActivity else { return noActivity() }
        overlay = .commentEditor(CommentEditor(target: .activity(ActivityKey(patientID: target.patientID, id: target.id), name: selectedActivityName)))
        return []
    }

    mutating func filter(_ text: String?) -> [Effect] {
        guard let text else {
            let assignee = users.first { $0.id == timelineFilter.assignedToID }
            overlay = .filter(FilterForm(type: timelineFilter.activityType, status: timelineFilter.status, assignee: assignee))
            return []
        }
        var filter = ActivityQuery()
        for word in text.split(separator: " ") where word != "clear" {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                setStatus("Filter words look like type=task status=created assignee=maria", error: true)
                return []
            }
            switch parts[0] {
            case "type", "activity_type":
                guard let type = ActivityType(commandWord: parts[1]) else {
                    return badFilter("type", parts[1], valid: ActivityType.allCases.map(\.rawValue))
                }
                filter.activityType = type
            case "status":
                guard let status = ActivityStatus(rawValue: parts[1].lowercased()) else {
                    return badFilter("status", parts[1], valid: ActivityStatus.allCases.map(\.rawValue))
                }
                filter.status = status
            case "assignee", "assigned_to", "assigned_to_id":
                guard let user = users.first(where: { String($0.id) == parts[1] }) ?? bestMatch(parts[1])
                else { return badFilter("assignee", parts[1], valid: []) }
                filter.assignedToID = user.id
            default:
                return badFilter(parts[0], parts[1], valid: ["type", "status", "assignee"].map { "\($0)=…" })
            }
        }
        return applyFilter(filter)
    }

    /// Says which filter word was not understood and, where there are few, the words that are.
    private mutating func badFilter(_ key: String, _ value: String, valid: [String]) -> [Effect] {
        let choices = valid.isEmpty ? "" : " (use \(valid.joined(separator: ", ")))"
        setStatus("Unknown filter \(key)=\(value)\(choices)", error: true)
        return []
    }

    mutating func applyFilter(_ filter: ActivityQuery) -> [Effect] {
        timelineFilter = filter
        timeline.reset()
        focus = .timeline
        return loadPages()
    }

    private mutating func noActivity() -> [Effect] {
        setStatus("Select an activity first", error: true)
        return []
    }

    private mutating func notLoaded() -> [Effect] {
        setStatus("Still loading that activity — try again in a moment")
        return []
    }

    // MARK: Answers to writes

    mutating func receive(_ write: Write, _ result: Result<WriteResult, BackendError>) -> [Effect] {
        switch result {
        case .success(let value):
            return succeeded(write, value)
        case .failure(let error):
            return failed(write, error)
        }
    }

    private mutating func succeeded(_ write: Write, _ value: WriteResult) -> [Effect] {
        switch (write, value) {
        case (.create, .activity(let activity)):
            overlay = nil
            undo = nil
            if activity.emailDelivery?.status == .pending, configuration.emailSending == .notConfigured {
                setStatus("Created email \(activity.id) · \(EmailSending.notSentText)", error: true)
            } else {
                setStatus("Created \(activity.activityType.label.lowercased()) \(activity.id)")
            }
            detailTarget = nil
            guard activity.patientID == patient?.id else { return showDetail(patientID: activity.patientID, id: activity.parentID ?? activity.id) }
            // Land on it (a new subtask: on its parent, whose detail lists it) in the re-read timeline.
            if let parent = activity.parentID {
                return land(on: activity.patientID, parent, patientName: activity.patientName, admitted: nil, reload: true)
            }
            let admitted = timelineFilter.admits(type: activity.activityType, status: activity.status, assignedToID: activity.assignedToID)
            return land(on: activity.patientID, activity.id, patientName: activity.patientName, admitted: admitted, reload: true)
        case (.update(_, _, _, _, let purpose), .activity(let activity)):
            if case .form = workingOverlay { overlay = nil }
            let label = "\(activity.activityType.label.lowercased()) \(activity.id)"
            let verb: String =
                switch purpose {
                case .form: "Saved"
                case .complete: "Completed"
                case .reopen: "Reopened"
                case .cancel: "Cancelled"
                case .assign: "Assigned \(activity.assignedToName ?? "")"
                case .claim: "Taken: now yours"
                case .undo: "Undone: " + (undo?.done ?? label)
                }
            let done = purpose == .undo ? verb : "\(verb) · \(label)"
            // The last action is this one: `u` reverses it when it can be reversed, else nothing.
            if let reverse = undoable.removeValue(forKey: write) {
                undo = UndoEntry(
                    done: done, writes: [.update(patientID: activity.patientID, id: activity.id, input: reverse, ifRevision: activity.revision, purpose: .undo)])
                setStatus(done + " · u undoes" + (activity.emailDelivery?.status == .sent ? " (not the email: it was sent)" : ""))
            } else {
                undo = nil
                setStatus(done)
            }
            if detail?.id == activity.id { detail = activity }
            marks[activity.id]?.update(from: activity)
            timeline.replaceSummary(of: activity)
            queue.replaceSummary(of: activity)
            // Parents show subtask progress and the queue drops finished work: read them again.
            return refresh()
        case (.delete(_, let id, _), .deleted):
            undo = nil
            setStatus("Deleted activity \(id)")
            if detail?.id == id || detailTarget?.id == id {
                detail = nil
                detailTarget = nil
            }
            return refresh()
        case (.comment, .comment):
            overlay = nil
            setStatus("Comment added")
            return refresh()
        case (.saveView, .view(let view)):
            savedViews.removeAll { $0.id == view.id }
            savedViews.append(view)
            savedViews.sort { ($0.name, $0.id) < ($1.name, $1.id) }
            setStatus("Saved view “\(view.name)”" + (view.shared ? ", shared with the clinic" : "") + " · v lists it")
            return []
        case (.lookAtQueue, .queueSeen(let seen)):
            return looked(seen)
        case (.retryEmail(let id), .emailRetried):
            setStatus("Email \(id) will be tried again now")
            return refresh()
        default:
            return []
        }
    }

    private mutating func failed(_ write: Write, _ error: BackendError) -> [Effect] {
        undoable[write] = nil
        if case .lookAtQueue = write { return [] }  // the queue still shows; the next look counts again
        if case .update(_, _, _, _, .undo) = write {
            undo = nil
            setStatus(
                error == .conflict ? "Not undone: it was changed since (by you or someone else) — reloaded" : "Not undone: \(error.description)",
                error: true)
            return refresh()
        }
        if case .form(var form)? = workingOverlay {
            form.submitting = false
            if case .validation(let messages) = error {
                form.show(messages)
            } else if error == .conflict {
                form.show(["Changed by someone else — reloaded. Save again to keep your changes."])
                workingOverlay = .form(form)
                return reloadDetail()
            } else {
                form.show(error.messages)
            }
            workingOverlay = .form(form)
            return []
        }
        if case .commentEditor = workingOverlay, case .comment = write {
            setStatus(error.description, error: true)
            return []
        }
        if error == .conflict {
            setStatus("Changed by someone else — reloaded", error: true)
            if case .update(let patientID, let id, _, _, .claim) = write {
                // The refresh reads the activity again (it is the detail's); its holder is said then.
                claimLost = ActivityKey(patientID: patientID, id: id)
            }
            return refresh()
        }
        setStatus(error.description, error: true)
        if error == .activityNotFound { return refresh() }
        return []
    }

    private mutating func reloadDetail() -> [Effect] {
        guard let target = detailTarget else { return [] }
        detailGeneration += 1
        return [.fetch(.detail(patientID: target.patientID, id: target.id, generation: detailGeneration))]
    }

    mutating func editorFinished(_ text: String?, _ target: EditorTarget) -> [Effect] {
        guard let text else {
            setStatus("The editor failed; nothing was changed", error: true)
            return []
        }
        switch (target, overlay) {
        case (.comment, .commentEditor(var editor)?):
            editor.input = TextInput(text.trimmingTrailingNewlines, multiline: true)
            overlay = .commentEditor(editor)
        case (.formField(let field), .form(var form)?):
            if let index = form.rows.firstIndex(where: { $0.field == field }) {
                form.rows[index].input.set(text.trimmingTrailingNewlines)
                overlay = .form(form)
            }
        default:
            break
        }
        return []
    }
}

extension ActivityType {
    /// "an SMS", "an email", "a visit".
    var article: String { self == .sms || self == .email ? "an" : "a" }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while text.last?.isNewline == true { text.removeLast() }
        return text
    }
}

extension ActivityForm {
    /// A form filled with an activity's current values, for `e`.
    public init(editing detail: ActivityDetail, users: [User], timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        var values: [ActivityField: String] = [:]
        // The assignee's row shows their name, from the picker's choice below.
        for field in ActivityField.allCases where field != .assignedToID {
            values[field] = field.slot.readDetail(detail).map { value in
                switch value {
                case .string(let text): text
                case .integer(let number): String(number)
                case .timestamp(let time): Clock.formText(time, timeZone)
                case .strings(let list): list.joined(separator: ", ")
                }
            }
        }
        let assignee = users.first { $0.id == detail.assignedToID }
            ?? detail.assignedToID.map { User(id: $0, name: detail.assignedToName ?? String($0)) }
        self.init(
            type: detail.activityType,
            mode: .edit(patientID: detail.patientID, id: detail.id, revision: detail.revision, original: ActivityDraft(detail)),
            values: values, assignee: assignee)
        self.timeZone = timeZone
    }
}
