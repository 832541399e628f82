import ECMDomain
import Logging
import PostgresNIO

/// The rules of an activity that need the store, as the SQLite store's `ActivityReferences`: the
/// assignee exists; parent, blocked-by and blocking name activities of the same patient; a parent
/// is a task and not the activity's own subtask; blocking links never close a cycle.
struct PostgresReferences {
    let connection: PostgresConnection
    let logger: Logger

    /// - Parameters:
    ///   - id: the activity being updated, or nil for a create.
    ///   - changed: the fields the request set, so a cycle is blamed on the link just changed.
    func messages(draft: ActivityDraft, patientID: Int64, id: Int64?, changed: Set<ActivityField>) async throws -> [String] {
        var messages: [String] = []
        let invalid = draft.invalidFields
        if let assignee = draft.assignedToID, !invalid.contains(.assignedToID),
            // Someone of the patient's clinic: another clinic's user is as if there were none.
            try await !connection.exists(
                "SELECT 1 FROM users WHERE id = \(assignee) AND clinic_id = (SELECT clinic_id FROM patients WHERE id = \(patientID))",
                logger: logger)
        {
            messages.append(ValidationMessage.mustExist(.assignedToID))
        }
        if let parent = draft.parentID, !invalid.contains(.parentID) {
            if parent == id {
                messages.append(ValidationMessage.cannotBeItself(.parentID))
            } else if let type = try await activityType(id: parent, patientID: patientID) {
                if type != ActivityType.task.rawValue {
                    messages.append(ValidationMessage.parentMustBeTask)
                } else if let id, try await isDescendant(parent, of: id) {
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
            } else if try await activityType(id: target, patientID: patientID) == nil {
                messages.append(ValidationMessage.mustExist(field))
                linksValid = false
            }
        }
        if linksValid, draft.blockedByID != nil || draft.blockingID != nil,
            try await closesCycle(id: id, blockedBy: draft.blockedByID, blocking: draft.blockingID)
        {
            let blamed: ActivityField =
                changed.contains(.blockedByID) || !changed.contains(.blockingID) ? .blockedByID : .blockingID
            messages.append(ValidationMessage.wouldCreateCycle(blamed))
        }
        return messages
    }

    private func activityType(id: Int64, patientID: Int64) async throws -> String? {
        try await connection.value(
            String.self, "SELECT activity_type FROM activities WHERE id = \(id) AND patient_id = \(patientID)", logger: logger)
    }

    /// Whether `candidate` is a subtask of `ancestor`, at any depth.
    private func isDescendant(_ candidate: Int64, of ancestor: Int64) async throws -> Bool {
        try await connection.exists(
            """
            WITH RECURSIVE chain(id) AS (
              SELECT parent_id FROM activities WHERE id = \(candidate)
              UNION SELECT a.parent_id FROM activities a JOIN chain ON a.id = chain.id
            )
            SELECT 1 FROM chain WHERE id = \(ancestor)
            """, logger: logger)
    }

    /// Whether giving activity `id` these links makes an activity (transitively) block itself.
    /// "x blocks y" when y.blocked_by_id = x or x.blocking_id = y. For a new activity (no id)
    /// a cycle needs a path from its `blocking` target back to its `blocked_by` source.
    private func closesCycle(id: Int64?, blockedBy: Int64?, blocking: Int64?) async throws -> Bool {
        if let blockedBy, blockedBy == blocking { return true }
        let selfNode: Int64 = id ?? -1
        // Successors of a node in the graph as it would be after the change.
        func successors(_ node: Int64) async throws -> [Int64] {
            var next = try await connection.rows(
                "SELECT id FROM activities WHERE blocked_by_id = \(node) AND id != \(selfNode)", logger: logger
            ).map { try $0[0].decode(Int64.self) }
            if node == blockedBy { next.append(selfNode) }
            if node == selfNode {
                if let blocking { next.append(blocking) }
            } else if let target = try await connection.value(
                Int64.self, "SELECT blocking_id FROM activities WHERE id = \(node)", logger: logger)
            {
                next.append(target)
            }
            return next
        }
        var seen: Set<Int64> = []
        var stack = try await successors(selfNode)
        while let node = stack.popLast() {
            if node == selfNode { return true }
            guard seen.insert(node).inserted else { continue }
            stack += try await successors(node)
        }
        return false
    }
}
