import ECMDomain
import GRDB

/// The rules of an activity that need the store: the assignee exists; parent, blocked-by and
/// blocking name activities of the same patient; a parent is a task and not the activity's own
/// subtask; blocking links never close a cycle.
enum ActivityReferences {
    /// - Parameters:
    ///   - id: the activity being updated, or nil for a create.
    ///   - changed: the fields the request set, so a cycle is blamed on the link just changed.
    static func messages(
        _ db: Database, draft: ActivityDraft, patientID: Int64, id: Int64?, changed: Set<ActivityField>
    ) throws -> [String] {
        var messages: [String] = []
        let invalid = draft.invalidFields
        if let assignee = draft.assignedToID, !invalid.contains(.assignedToID),
            // Someone of the patient's clinic: another clinic's user is as if there were none.
            try Bool.fetchOne(
                db, cached: "SELECT 1 FROM users WHERE id = ? AND clinic_id = (SELECT clinic_id FROM patients WHERE id = ?)",
                arguments: [assignee, patientID]) == nil
        {
            messages.append(ValidationMessage.mustExist(.assignedToID))
        }
        if let parent = draft.parentID, !invalid.contains(.parentID) {
            if parent == id {
                messages.append(ValidationMessage.cannotBeItself(.parentID))
            } else if let type = try activityType(db, id: parent, patientID: patientID) {
                if type != ActivityType.task.rawValue {
                    messages.append(ValidationMessage.parentMustBeTask)
                } else if let id, try isDescendant(db, parent, of: id) {
                    messages.append(ValidationMessage.parentCannotBeSubtask)
                }
            } else {
                messages.append(ValidationMessage.mustExist(.parentID))
            }
        }
        var linksValid = true
        for (field, target) in [(ActivityField.blockedByID, draft.blockedByID), (.blockingID, draft.blockingID)] {
            guard let target, !invalid.contains(field) else { continue }
            if target == id {
                messages.append(ValidationMessage.cannotBeItself(field))
                linksValid = false
            } else if try activityType(db, id: target, patientID: patientID) == nil {
                messages.append(ValidationMessage.mustExist(field))
                linksValid = false
            }
        }
        if linksValid, draft.blockedByID != nil || draft.blockingID != nil,
            try closesCycle(db, id: id, blockedBy: draft.blockedByID, blocking: draft.blockingID)
        {
            let blamed: ActivityField =
                changed.contains(.blockedByID) || !changed.contains(.blockingID) ? .blockedByID : .blockingID
            messages.append(ValidationMessage.wouldCreateCycle(blamed))
        }
        return messages
    }

    private static func activityType(_ db: Database, id: Int64, patientID: Int64) throws -> String? {
        try String.fetchOne(
            db, cached: "SELECT activity_type FROM activities WHERE id = ? AND patient_id = ?",
            arguments: [id, patientID])
    }

    /// Whether `candidate` is a subtask of `ancestor`, at any depth.
    private static func isDescendant(_ db: Database, _ candidate: Int64, of ancestor: Int64) throws -> Bool {
        try Bool.fetchOne(
            db,
            cached: """
                WITH RECURSIVE chain(id) AS (
                  SELECT parent_id FROM activities WHERE id = ?
                  UNION SELECT a.parent_id FROM activities a JOIN chain ON a.id = chain.id
                )
                SELECT 1 FROM chain WHERE id = ?
                """,
            arguments: [candidate, ancestor]) != nil
    }

    /// Whether giving activity `id` these links makes an activity (transitively) block itself.
    /// "x blocks y" when y.blocked_by_id = x or x.blocking_id = y. For a new activity (no id)
    /// a cycle needs a path from its `blocking` target back to its `blocked_by` source.
    private static func closesCycle(_ db: Database, id: Int64?, blockedBy: Int64?, blocking: Int64?) throws -> Bool {
        if let blockedBy, blockedBy == blocking { return true }
        let selfNode: Int64 = id ?? -1
        // Successors of a node in the graph as it would be after the change.
        func successors(_ node: Int64) throws -> [Int64] {
            var next = try Int64.fetchAll(
                db, cached: "SELECT id FROM activities WHERE blocked_by_id = ? AND id != ?",
                arguments: [node, selfNode])
            if node == blockedBy { next.append(selfNode) }
            if node == selfNode {
                if let blocking { next.append(blocking) }
            } else if let target = try Int64.fetchOne(
                db, cached: "SELECT blocking_id FROM activities WHERE id = ?", arguments: [node])
            {
                next.append(target)
            }
            return next
        }
        var seen: Set<Int64> = []
        var stack = try successors(selfNode)
        while let node = stack.popLast() {
            if node == selfNode { return true }
            guard seen.insert(node).inserted else { continue }
            stack += try successors(node)
        }
        return false
    }
}
