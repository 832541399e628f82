import ECMDomain
import Foundation
import GRDB

/// The SQL that reads activities, and the mapping from its rows to the domain's shapes. One
/// place, so that every list (timeline, queue, subtasks) and the detail read the same columns.
enum ActivitySQL {
    /// Columns of a list item, in the order `summary` reads them by position (a name is a
    /// dictionary lookup per column per row). Counts are computed per row through indexes,
    /// never stored, so they cannot drift.
    static let summaryColumns = SummaryColumn.allCases.map(\.sql).joined(separator: ", ")

    enum SummaryColumn: Int, CaseIterable {
        case id, activityType, status, message, subject, body, occurredAt, patientID, patientName
        case performedByID, performedByName, assignedToID, assignedToName, parentID, createdAt
        case updatedAt, commentsCount, subtasksCount, subtasksCompletedCount, blocked, emailStatus, dueAt, bookedAt, revision, assignedAt, assignedByID

        var sql: String {
            switch self {
            case .id: "a.id"
            case .activityType: "a.activity_type"
            case .status: "a.status"
            case .message: "a.message"
            case .subject: "a.subject"
            case .body: "a.body"
            case .occurredAt: "a.occurred_at"
            case .patientID: "a.patient_id"
            case .patientName: "p.name"
            case .performedByID: "a.performed_by_id"
            case .performedByName: "pu.name"
            case .assignedToID: "a.assigned_to_id"
            case .assignedToName: "au.name"
            case .parentID: "a.parent_id"
            case .createdAt: "a.created_at"
            case .updatedAt: "a.updated_at"
            case .commentsCount: "(SELECT COUNT(*) FROM comments c WHERE c.activity_id = a.id)"
            case .subtasksCount: "(SELECT COUNT(*) FROM activities s WHERE s.parent_id = a.id)"
            case .subtasksCompletedCount:
                "(SELECT COUNT(*) FROM activities s WHERE s.parent_id = a.id AND s.status = 'complete')"
            case .blocked:
                """
                (EXISTS (SELECT 1 FROM activities b WHERE b.id = a.blocked_by_id AND b.status = 'created') \
                OR EXISTS (SELECT 1 FROM activities b WHERE b.blocking_id = a.id AND b.status = 'created'))
                """
            case .emailStatus: "o.status"
            case .dueAt: "a.due_at"
            case .bookedAt: "a.booked_at"
            case .revision: "a.lock_version"
            case .assignedAt: "a.assigned_at"
            case .assignedByID: "a.assigned_by_id"
            }
        }
    }

    static let joins = """
        JOIN patients p ON p.id = a.patient_id
        JOIN users pu ON pu.id = a.performed_by_id
        LEFT JOIN users au ON au.id = a.assigned_to_id
        \(StoredColumns.emailOutboxJoin)
        """

    static func summary(_ row: Row) throws -> ActivitySummary {
        typealias C = SummaryColumn
        return ActivitySummary(
            id: row[C.id.rawValue],
            activityType: try StoredColumns.activityType(row[C.activityType.rawValue]),
            status: try StoredColumns.status(row[C.status.rawValue]),
            message: row[C.message.rawValue],
            subject: row[C.subject.rawValue],
            body: row[C.body.rawValue],
            occurredAt: Timestamp(milliseconds: row[C.occurredAt.rawValue]),
            patientID: row[C.patientID.rawValue],
            patientName: row[C.patientName.rawValue],
            performedByID: row[C.performedByID.rawValue],
            performedByName: row[C.performedByName.rawValue],
            assignedToID: row[C.assignedToID.rawValue],
            assignedToName: row[C.assignedToName.rawValue],
            parentID: row[C.parentID.rawValue],
            commentsCount: row[C.commentsCount.rawValue],
            createdAt: Timestamp(milliseconds: row[C.createdAt.rawValue]),
            updatedAt: Timestamp(milliseconds: row[C.updatedAt.rawValue]),
            subtasksCount: row[C.subtasksCount.rawValue],
            subtasksCompletedCount: row[C.subtasksCompletedCount.rawValue],
            blocked: row[C.blocked.rawValue],
            emailStatus: try StoredColumns.emailStatus(row[C.emailStatus.rawValue]),
            dueAt: (row[C.dueAt.rawValue] as Int64?).map(Timestamp.init(milliseconds:)),
            bookedAt: (row[C.bookedAt.rawValue] as Int64?).map(Timestamp.init(milliseconds:)),
            revision: row[C.revision.rawValue],
            assignedAt: (row[C.assignedAt.rawValue] as Int64?).map(Timestamp.init(milliseconds:)),
            assignedByID: row[C.assignedByID.rawValue])
    }

    static let detailColumns = """
        a.id, a.activity_type, a.status, a.message, a.subject, a.body, a.occurred_at, a.booked_at,
        a.email_to, a.email_attachments, a.transcript, a.patient_id, p.name AS patient_name,
        a.performed_by_id, pu.name AS performed_by_name, a.assigned_to_id,
        au.name AS assigned_to_name, a.parent_id, a.blocked_by_id, a.blocking_id, a.voice_call_id,
        a.text_message_id, a.created_at, a.updated_at, a.lock_version, a.due_at, a.duration, a.outcome,
        o.status AS email_status, o.attempts AS email_attempts, o.last_error AS email_last_error,
        o.next_attempt_at AS email_next_attempt_at, o.sent_at AS email_sent_at, o.message_id AS email_message_id
        """

    static func detail(_ row: Row) throws -> ActivityDetail {
        let bookedAt: Int64? = row["booked_at"]
        let attachments: String? = row["email_attachments"]
        return ActivityDetail(
            id: row["id"],
            activityType: try StoredColumns.activityType(row["activity_type"]),
            status: try StoredColumns.status(row["status"]),
            message: row["message"],
            subject: row["subject"],
            body: row["body"],
            occurredAt: Timestamp(milliseconds: row["occurred_at"]),
            bookedAt: bookedAt.map(Timestamp.init(milliseconds:)),
            emailTo: row["email_to"],
            emailAttachments: StoredColumns.attachments(from: attachments),
            transcript: row["transcript"],
            patientID: row["patient_id"],
            patientName: row["patient_name"],
            performedByID: row["performed_by_id"],
            performedByName: row["performed_by_name"],
            assignedToID: row["assigned_to_id"],
            assignedToName: row["assigned_to_name"],
            parentID: row["parent_id"],
            blockedByID: row["blocked_by_id"],
            blockingID: row["blocking_id"],
            voiceCallID: row["voice_call_id"],
            textMessageID: row["text_message_id"],
            dueAt: (row["due_at"] as Int64?).map(Timestamp.init(milliseconds:)),
            duration: row["duration"],
            outcome: (row["outcome"] as String?).flatMap(ActivityOutcome.init(rawValue:)),
            emailDelivery: try StoredColumns.emailDelivery(
                status: row["email_status"], attempts: row["email_attempts"], lastError: row["email_last_error"],
                nextAttemptAt: row["email_next_attempt_at"], sentAt: row["email_sent_at"], messageID: row["email_message_id"]),
            createdAt: Timestamp(milliseconds: row["created_at"]),
            updatedAt: Timestamp(milliseconds: row["updated_at"]),
            revision: row["lock_version"])
    }

    static func event(_ row: Row) throws -> Event {
        guard let type = ActivityType(rawValue: row["event_type"]),
            let status = ActivityStatus(rawValue: row["status"])
        else { throw BackendError.unavailable("Store holds an event of an unknown type or status") }
        return Event(
            id: row["id"], activityID: row["activity_id"], eventType: type,
            occurredAt: Timestamp(milliseconds: row["occurred_at"]), status: status,
            subject: row["subject"], body: row["body"], duration: row["duration"],
            outcome: (row["outcome"] as String?).flatMap(ActivityOutcome.init(rawValue:)))
    }

    static func comment(_ row: Row) -> Comment {
        Comment(
            id: row["id"], body: row["body"], userID: row["user_id"], userName: row["user_name"],
            createdAt: Timestamp(milliseconds: row["created_at"]))
    }




}
