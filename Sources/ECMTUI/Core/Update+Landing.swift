import ECMDomain

/// Landing on one activity by its id (a queue item, a link in the detail, a subtask, what was
/// just created): the timeline's cursor ends on exactly that activity and the detail shows it,
/// or the status line says why not. The cursor never sits on another activity than the detail's.
extension AppState {
    /// Shows the activity's patient's timeline with the cursor on it. `admitted` says whether
    /// the timeline's filter lists it (nil: not known, then the filtered list is searched
    /// first); a filter that hides it is cleared, and the status line says so.
    mutating func land(
        on patientID: Int64, _ id: Int64, patientName: String?, admitted: Bool?, reload: Bool = false
    ) -> [Effect] {
        let loaded = patientID == patient?.id ? timeline.loadedIndex(of: id) : nil
        var index = reload ? nil : loaded
        if timelineFilter.isFiltering, admitted == false {
            clearFilter(toShow: id)
            index = nil
        }
        var effects: [Effect] = []
        if patientID != patient?.id { effects = adoptPatient(id: patientID, name: patientName ?? patient?.name ?? "") }
        // The Patients pane selects the same patient when its list holds it, so that what it
        // highlights (and `n` there) is the patient the timeline shows.
        if let row = patients.loadedIndex(of: patientID), patients.cursor != row {
            patients.moveTo(row, rows: layout.rows(.patients))
        }
        if let index {
            timeline.moveTo(index, rows: layout.rows(.timeline))
        } else {
            timeline.seek(id)
        }
        return effects + loadPages() + showDetail(patientID: patientID, id: id)
    }

    /// `land` for an item whose type, status and assignee are known.
    mutating func land(on item: ActivitySummary) -> [Effect] {
        land(on: item.patientID, item.id, patientName: item.patientName, admitted: timelineFilter.admits(item))
    }

    /// After the timeline was read to its end without the activity to land on: a filter is
    /// cleared and the search starts again; without one, the status line says it is gone and
    /// the detail follows the cursor (on the first row).
    mutating func continueAfterMissedTarget() -> [Effect] {
        guard let missed = timeline.takeMissedTarget() else { return [] }
        guard timelineFilter.isFiltering else {
            setStatus("Activity \(missed) is not in this timeline any more", error: true)
            return []
        }
        clearFilter(toShow: missed)
        timeline.seek(missed)
        return loadPages()
    }

    /// Clears the timeline's filter, saying so after what the status line already says ("Created note 6").
    private mutating func clearFilter(toShow id: Int64) {
        timelineFilter = ActivityQuery()
        let note = "filter cleared to show activity \(id)"
        if let status, !status.isError {
            setStatus("\(status.text) · \(note)")
        } else {
            setStatus(note.prefix(1).uppercased() + note.dropFirst())
        }
    }
}

extension ActivityQuery {
    /// Whether any of type, status or assignee narrows the list.
    var isFiltering: Bool { activityType != nil || status != nil || assignedToID != nil }

    /// Whether a list read with this query holds the item.
    func admits(_ item: ActivitySummary) -> Bool {
        admits(type: item.activityType, status: item.status, assignedToID: item.assignedToID)
    }

    func admits(type: ActivityType, status: ActivityStatus, assignedToID: Int64?) -> Bool {
        (activityType == nil || activityType == type) && (self.status == nil || self.status == status)
            && (self.assignedToID == nil || self.assignedToID == assignedToID)
    }
}
