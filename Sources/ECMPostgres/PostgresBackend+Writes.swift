import ECMDomain
import Logging
import PostgresNIO

extension PostgresBackend {
    public func createActivity(patientID: Int64, input: ActivityInput) async throws(BackendError) -> ActivityDetail {
        let logger = logger
        return try await write(patientID: patientID, audit: { AuditTarget(.create, "activity", patientID: patientID, resourceID: $0.id) }) { connection, performer in
            try Self.requireFields(input)
            let draft = ActivityDraft(creating: input)
            try await Self.validate(connection, draft: draft, patientID: patientID, id: nil, input: input, logger: logger)
            let now = Timestamp.now()
            let insert = Prepared.CreateActivity(
                patientID: patientID, draft: draft, occurredAt: draft.occurredAt ?? now, performedByID: performer.id, now: now)
            guard let eventRow = try await connection.rows(insert, logger: logger).first else {
                throw BackendError.unavailable(BackendError.serviceUnavailableMessage)
            }
            let event = try PostgresRows.event(eventRow)
            if let activityID = event.activityID, let entry = EmailOutboxEntry(creating: draft, activityID: activityID, now: now) {
                try await connection.query(
                    """
                    INSERT INTO email_outbox (activity_id, message_id, status, next_attempt_at, created_at, updated_at)
                    VALUES (\(activityID), \(entry.messageID), \(entry.status.rawValue), \(entry.nextAttemptAt), \(now.milliseconds), \(now.milliseconds))
                    """, logger: logger)
            }
            // A new activity has no comments and no subtasks yet; its event was just written.
            guard let id = event.activityID,
                let row = try await connection.rows(Prepared.ActivityDetailRow(ids: [id, patientID]), logger: logger).first
            else { throw BackendError.unavailable(BackendError.serviceUnavailableMessage) }
            var detail = try PostgresRows.detail(row)
            detail.event = event
            return detail
        }
    }

    public func updateActivity(patientID: Int64, id: Int64, input: ActivityInput, ifRevision: Int64?)
        async throws(BackendError) -> ActivityDetail
    {
        let logger = logger
        let target = AuditTarget(.update, "activity", patientID: patientID, resourceID: id)
        return try await write(patientID: patientID, audit: { _ in target }) { connection, performer in
            let existing = try await Self.detail(connection, patientID: patientID, id: id, logger: logger)
            try Self.requireFields(input)
            if let ifRevision, ifRevision != existing.revision { throw BackendError.conflict }
            let draft = ActivityDraft(updating: ActivityDraft(existing), with: input)
            try await Self.validate(connection, draft: draft, patientID: patientID, id: id, input: input, logger: logger)
            let now = Timestamp.now()
            let occurredAt = draft.occurredAt ?? existing.occurredAt
            var update = SQLBuilder()
            let fields = StoredColumns.activityFieldValues(draft, occurredAt: occurredAt).map { field, value in
                "\(field.column) = \(update.bindField(field, value))"
            }
            update.sql = """
                UPDATE activities SET \(fields.joined(separator: ", ")),
                  updated_at = GREATEST(updated_at, \(update.bind(now.milliseconds))), lock_version = lock_version + 1
                WHERE id = \(update.bind(id)) AND lock_version = \(update.bind(existing.revision))
                RETURNING id
                """
            // The revision just read is the one updated: a change in between is a conflict, never lost.
            guard try await connection.exists(update.query, logger: logger) else { throw BackendError.conflict }
            if draft.assignedToID != existing.assignedToID {
                let at: Int64? = draft.assignedToID == nil ? nil : now.milliseconds
                let by: Int64? = draft.assignedToID == nil ? nil : performer.id
                try await connection.query("UPDATE activities SET assigned_at = \(at), assigned_by_id = \(by) WHERE id = \(id)", logger: logger)
            }
            try await connection.query(
                """
                UPDATE events SET event_type = \(draft.activityType), occurred_at = \(occurredAt.milliseconds),
                  status = \(draft.status), subject = \(draft.subject), body = \(draft.body),
                  duration = \(draft.duration), outcome = \(draft.storedOutcome)
                WHERE activity_id = \(id)
                """, logger: logger)
            if EmailOutboxEntry.cancelsPendingSend(draft) {
                try await connection.query(
                    """
                    UPDATE email_outbox SET status = 'cancelled', next_attempt_at = NULL, updated_at = \(now.milliseconds)
                    WHERE activity_id = \(id) AND status = 'pending'
                    """, logger: logger)
            }
            try await Self.refreshLastActivity(connection, patientID: patientID, logger: logger)
            return try await Self.detail(connection, patientID: patientID, id: id, logger: logger)
        }
    }

    public func deleteActivity(patientID: Int64, id: Int64, ifRevision: Int64?) async throws(BackendError) {
        let logger = logger
        let target = AuditTarget(.delete, "activity", patientID: patientID, resourceID: id)
        try await write(patientID: patientID, audit: { _ in target }) { connection, _ in
            guard let revision = try await connection.value(
                Int64.self, "SELECT lock_version FROM activities WHERE id = \(id) AND patient_id = \(patientID)", logger: logger)
            else { throw BackendError.activityNotFound }
            if let ifRevision, ifRevision != revision { throw BackendError.conflict }
            // Activities outside the deleted subtree that link into it lose the link, and their
            // revision moves on so that a stale editor learns of it.
            let now = Timestamp.now().milliseconds
            try await connection.query(
                """
                WITH RECURSIVE subtree(id) AS (
                  SELECT \(id)::bigint UNION SELECT a.id FROM activities a JOIN subtree s ON a.parent_id = s.id
                )
                UPDATE activities SET
                  blocked_by_id = CASE WHEN blocked_by_id IN (SELECT id FROM subtree) THEN NULL ELSE blocked_by_id END,
                  blocking_id = CASE WHEN blocking_id IN (SELECT id FROM subtree) THEN NULL ELSE blocking_id END,
                  updated_at = GREATEST(updated_at, \(now)), lock_version = lock_version + 1
                WHERE id NOT IN (SELECT id FROM subtree)
                  AND (blocked_by_id IN (SELECT id FROM subtree) OR blocking_id IN (SELECT id FROM subtree))
                """, logger: logger)
            // Comments, subtasks (recursively) and events go by their foreign keys' cascades.
            try await connection.query("DELETE FROM activities WHERE id = \(id)", logger: logger)
            try await Self.refreshLastActivity(connection, patientID: patientID, logger: logger)
        }
    }

    /// A request that names no field is malformed (the API answers 400), once the patient and
    /// activity are known to exist (404 comes first, as in Rails).
    static func requireFields(_ input: ActivityInput) throws {
        if input.isEmpty { throw BackendError.badRequest(ActivityInput.missingActivityMessage) }
    }

    /// Throws `.validation` with every message, domain rules first, then references.
    static func validate(
        _ connection: PostgresConnection, draft: ActivityDraft, patientID: Int64, id: Int64?, input: ActivityInput, logger: Logger
    ) async throws {
        var messages = ActivityValidator.messages(for: draft)
        let changed = Set(ActivityField.allCases.filter(input.isPresent))
        messages += try await PostgresReferences(connection: connection, logger: logger)
            .messages(draft: draft, patientID: patientID, id: id, changed: changed)
        if !messages.isEmpty { throw BackendError.validation(messages) }
    }
}
