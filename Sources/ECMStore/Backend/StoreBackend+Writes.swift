import ECMDomain
import GRDB

extension StoreBackend {
    /// An activity's writable fields are written from the one field table (`ActivityField`).
    static let insertActivitySQL = """
        INSERT INTO activities (patient_id, performed_by_id, created_at, updated_at, lock_version, assigned_at, assigned_by_id, \(StoredColumns.activityFieldColumns.joined(separator: ", ")))
        VALUES (?, ?, ?, ?, 1, ?, ?, \(StoredColumns.activityFieldColumns.map { _ in "?" }.joined(separator: ", ")))
        """

    static let updateActivitySQL = """
        UPDATE activities SET \(StoredColumns.activityFieldColumns.map { "\($0) = ?" }.joined(separator: ", ")),
          updated_at = ?, lock_version = lock_version + 1
        WHERE id = ?
        """

    static func fieldArguments(_ draft: ActivityDraft, occurredAt: Timestamp) -> [(any DatabaseValueConvertible)?] {
        StoredColumns.activityFieldValues(draft, occurredAt: occurredAt).map { _, value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text)?: text
            case .integer(let number)?: number
            case nil: nil
            }
        }
    }

    /// `assigned_at` and `assigned_by_id` for an activity given to its assignee now (NULL when
    /// it has none).
    static func assignment(_ draft: ActivityDraft, by performerID: Int64, at now: Timestamp) -> [(any DatabaseValueConvertible)?] {
        draft.assignedToID == nil ? [nil, nil] : [now.milliseconds, performerID]
    }

    public func createActivity(patientID: Int64, input: ActivityInput) async throws(BackendError) -> ActivityDetail {
        return try await write(
            audit: { AuditTarget(.create, "activity", patientID: patientID, resourceID: $0.id) },
            failed: AuditTarget(.create, "activity", patientID: patientID)
        ) { db, performer in
            try Self.requirePatient(db, id: patientID, clinic: performer.clinicID)
            try Self.requireFields(input)
            let draft = ActivityDraft(creating: input)
            try Self.validate(db, draft: draft, patientID: patientID, id: nil, input: input)
            let now = Timestamp.now()
            let occurredAt = draft.occurredAt ?? now
            try db.execute(
                cached: Self.insertActivitySQL,
                arguments: StatementArguments(
                    [patientID, performer.id, now.milliseconds, now.milliseconds]
                        + Self.assignment(draft, by: performer.id, at: now) + Self.fieldArguments(draft, occurredAt: occurredAt)))
            let id = db.lastInsertedRowID
            try db.execute(
                cached: """
                    INSERT INTO events (activity_id, patient_id, event_type, occurred_at, status, subject, body, duration, outcome)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, patientID, draft.activityType, occurredAt.milliseconds, draft.status, draft.subject, draft.body,
                    draft.duration, draft.storedOutcome,
                ])
            if let entry = EmailOutboxEntry(creating: draft, activityID: id, now: now) {
                try db.execute(
                    cached: """
                        INSERT INTO email_outbox (activity_id, message_id, status, next_attempt_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, entry.messageID, entry.status.rawValue, entry.nextAttemptAt, now.milliseconds, now.milliseconds])
            }
            try Self.refreshLastActivity(db, patientID: patientID)
            return try Self.detail(db, patientID: patientID, id: id)
        }
    }

    public func updateActivity(patientID: Int64, id: Int64, input: ActivityInput, ifRevision: Int64?)
        async throws(BackendError) -> ActivityDetail
    {
        let target = AuditTarget(.update, "activity", patientID: patientID, resourceID: id)
        return try await write(audit: { _ in target }, failed: target) { db, user in
            try Self.requirePatient(db, id: patientID, clinic: user.clinicID)
            let existing = try Self.detail(db, patientID: patientID, id: id)
            try Self.requireFields(input)
            if let ifRevision, ifRevision != existing.revision { throw BackendError.conflict }
            let draft = ActivityDraft(updating: ActivityDraft(existing), with: input)
            try Self.validate(db, draft: draft, patientID: patientID, id: id, input: input)
            let now = Timestamp.now()
            let occurredAt = draft.occurredAt ?? existing.occurredAt
            try db.execute(
                cached: Self.updateActivitySQL,
                arguments: StatementArguments(
                    Self.fieldArguments(draft, occurredAt: occurredAt) + [max(now.milliseconds, existing.updatedAt.milliseconds), id]))
            if draft.assignedToID != existing.assignedToID {
                try db.execute(
                    cached: "UPDATE activities SET assigned_at = ?, assigned_by_id = ? WHERE id = ?",
                    arguments: StatementArguments(Self.assignment(draft, by: user.id, at: now) + [id]))
            }
            // The event follows its activity.
            try db.execute(
                cached: """
                    UPDATE events SET event_type = ?, occurred_at = ?, status = ?, subject = ?, body = ?, duration = ?, outcome = ?
                    WHERE activity_id = ?
                    """,
                arguments: [
                    draft.activityType, occurredAt.milliseconds, draft.status, draft.subject, draft.body, draft.duration,
                    draft.storedOutcome, id,
                ])
            if EmailOutboxEntry.cancelsPendingSend(draft) {
                try db.execute(
                    cached: """
                        UPDATE email_outbox SET status = 'cancelled', next_attempt_at = NULL, updated_at = ?
                        WHERE activity_id = ? AND status = 'pending'
                        """,
                    arguments: [now.milliseconds, id])
            }
            try Self.refreshLastActivity(db, patientID: patientID)
            return try Self.detail(db, patientID: patientID, id: id)
        }
    }

    public func deleteActivity(patientID: Int64, id: Int64, ifRevision: Int64?) async throws(BackendError) {
        let target = AuditTarget(.delete, "activity", patientID: patientID, resourceID: id)
        try await write(audit: { _ in target }, failed: target) { db, user in
            try Self.requirePatient(db, id: patientID, clinic: user.clinicID)
            guard let revision = try Int64.fetchOne(
                db, cached: "SELECT lock_version FROM activities WHERE id = ? AND patient_id = ?",
                arguments: [id, patientID])
            else { throw BackendError.activityNotFound }
            if let ifRevision, ifRevision != revision { throw BackendError.conflict }
            // Activities outside the deleted subtree that link into it lose the link, and
            // their revision moves on so that a stale editor learns of it.
            let now = Timestamp.now().milliseconds
            let subtree = """
                WITH RECURSIVE subtree(id) AS (
                  SELECT ? UNION SELECT a.id FROM activities a JOIN subtree s ON a.parent_id = s.id
                )
                """
            try db.execute(
                cached: """
                    \(subtree)
                    UPDATE activities SET
                      blocked_by_id = CASE WHEN blocked_by_id IN (SELECT id FROM subtree) THEN NULL ELSE blocked_by_id END,
                      blocking_id = CASE WHEN blocking_id IN (SELECT id FROM subtree) THEN NULL ELSE blocking_id END,
                      updated_at = MAX(updated_at, ?), lock_version = lock_version + 1
                    WHERE id NOT IN (SELECT id FROM subtree)
                      AND (blocked_by_id IN (SELECT id FROM subtree) OR blocking_id IN (SELECT id FROM subtree))
                    """,
                arguments: [id, now])
            // Comments, subtasks (recursively) and events go by their foreign keys' cascades.
            try db.execute(cached: "DELETE FROM activities WHERE id = ?", arguments: [id])
            try Self.refreshLastActivity(db, patientID: patientID)
        }
    }

    /// A request that names no field is malformed (the API answers 400), once the patient and
    /// activity are known to exist (404 comes first, as in Rails).
    static func requireFields(_ input: ActivityInput) throws {
        if input.isEmpty { throw BackendError.badRequest(ActivityInput.missingActivityMessage) }
    }

    /// Throws `.validation` with every message, domain rules first, then references.
    static func validate(_ db: Database, draft: ActivityDraft, patientID: Int64, id: Int64?, input: ActivityInput) throws {
        var messages = ActivityValidator.messages(for: draft)
        let changed = Set(ActivityField.allCases.filter(input.isPresent))
        messages += try ActivityReferences.messages(db, draft: draft, patientID: patientID, id: id, changed: changed)
        if !messages.isEmpty { throw BackendError.validation(messages) }
    }
}
