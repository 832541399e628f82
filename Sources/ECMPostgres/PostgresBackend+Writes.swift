import ECMDomain
import Logging
import PostgresNIO

extension PostgresBackend {
    public func createActivity(patientID: Int64, input: ActivityInput) async throws(BackendError) -> ActivityDetail {
        let logger = logger
        return try await write(patientID: patientID) { connection, performer in
            try await Self.requirePatient(connection, id: patientID, logger: logger)
            try Self.requireFields(input)
            let draft = ActivityDraft(creating: input)
            try await Self.validate(connection, draft: draft, patientID: patientID, id: nil, input: input, logger: logger)
            let now = Timestamp.now()
            let occurredAt = draft.occurredAt ?? now
            var insert = SQLBuilder()
            let values = [
                insert.bind(patientID), insert.bind(draft.activityType), insert.bind(draft.status), insert.bind(draft.message),
                insert.bind(draft.subject), insert.bind(draft.body), insert.bind(occurredAt.milliseconds),
                insert.bind(draft.bookedAt?.milliseconds), insert.bind(draft.emailTo),
                insert.bind(StoredColumns.attachments(draft.emailAttachments)), insert.bind(draft.transcript),
                insert.bind(performer.id), insert.bind(draft.assignedToID), insert.bind(draft.parentID),
                insert.bind(draft.blockedByID), insert.bind(draft.blockingID), insert.bind(draft.voiceCallID),
                insert.bind(draft.textMessageID), insert.bind(now.milliseconds), insert.bind(now.milliseconds),
            ]
            insert.sql = """
                INSERT INTO activities (patient_id, activity_type, status, message, subject, body,
                  occurred_at, booked_at, email_to, email_attachments, transcript, performed_by_id,
                  assigned_to_id, parent_id, blocked_by_id, blocking_id, voice_call_id,
                  text_message_id, created_at, updated_at, lock_version)
                VALUES (\(values.joined(separator: ", ")), 1) RETURNING id
                """
            guard let id = try await connection.value(Int64.self, insert.query, logger: logger) else {
                throw BackendError.unavailable(BackendError.serviceUnavailableMessage)
            }
            try await connection.query(
                """
                INSERT INTO events (activity_id, patient_id, event_type, occurred_at, status, subject, body)
                VALUES (\(id), \(patientID), \(draft.activityType), \(occurredAt.milliseconds), \(draft.status), \(draft.subject), \(draft.body))
                """, logger: logger)
            try await Self.refreshLastActivity(connection, patientID: patientID, logger: logger)
            return try await Self.detail(connection, patientID: patientID, id: id, logger: logger)
        }
    }

    public func updateActivity(patientID: Int64, id: Int64, input: ActivityInput, ifRevision: Int64?)
        async throws(BackendError) -> ActivityDetail
    {
        let logger = logger
        return try await write(patientID: patientID) { connection, _ in
            try await Self.requirePatient(connection, id: patientID, logger: logger)
            let existing = try await Self.detail(connection, patientID: patientID, id: id, logger: logger)
            try Self.requireFields(input)
            if let ifRevision, ifRevision != existing.revision { throw BackendError.conflict }
            let draft = ActivityDraft(updating: ActivityDraft(existing), with: input)
            try await Self.validate(connection, draft: draft, patientID: patientID, id: id, input: input, logger: logger)
            let now = Timestamp.now()
            let occurredAt = draft.occurredAt ?? existing.occurredAt
            var update = SQLBuilder()
            update.sql = """
                UPDATE activities SET activity_type = \(update.bind(draft.activityType)), status = \(update.bind(draft.status)),
                  message = \(update.bind(draft.message)), subject = \(update.bind(draft.subject)), body = \(update.bind(draft.body)),
                  occurred_at = \(update.bind(occurredAt.milliseconds)), booked_at = \(update.bind(draft.bookedAt?.milliseconds)),
                  email_to = \(update.bind(draft.emailTo)), email_attachments = \(update.bind(StoredColumns.attachments(draft.emailAttachments))),
                  transcript = \(update.bind(draft.transcript)), assigned_to_id = \(update.bind(draft.assignedToID)),
                  parent_id = \(update.bind(draft.parentID)), blocked_by_id = \(update.bind(draft.blockedByID)),
                  blocking_id = \(update.bind(draft.blockingID)), voice_call_id = \(update.bind(draft.voiceCallID)),
                  text_message_id = \(update.bind(draft.textMessageID)),
                  updated_at = GREATEST(updated_at, \(update.bind(now.milliseconds))), lock_version = lock_version + 1
                WHERE id = \(update.bind(id)) AND lock_version = \(update.bind(existing.revision))
                RETURNING id
                """
            // The revision just read is the one updated: a change in between is a conflict, never lost.
            guard try await connection.exists(update.query, logger: logger) else { throw BackendError.conflict }
            try await connection.query(
                """
                UPDATE events SET event_type = \(draft.activityType), occurred_at = \(occurredAt.milliseconds),
                  status = \(draft.status), subject = \(draft.subject), body = \(draft.body)
                WHERE activity_id = \(id)
                """, logger: logger)
            try await Self.refreshLastActivity(connection, patientID: patientID, logger: logger)
            return try await Self.detail(connection, patientID: patientID, id: id, logger: logger)
        }
    }

    public func deleteActivity(patientID: Int64, id: Int64, ifRevision: Int64?) async throws(BackendError) {
        let logger = logger
        try await write(patientID: patientID) { connection, _ in
            try await Self.requirePatient(connection, id: patientID, logger: logger)
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
