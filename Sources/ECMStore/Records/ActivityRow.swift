import ECMDomain
import Foundation
import GRDB

/// The SQL that reads activities, and the mapping from its rows to the domain's shapes. One
/// place, so that every list (timeline, queue, subtasks) and the detail read the same columns.
enum ActivitySQL {
    /// Columns of a list item. Counts are computed per row through indexes, never stored, so
    /// they cannot drift.
    static let summaryColumns = """
        a.id, a.activity_type, a.status, a.message, a.subject, a.body, a.occurred_at,
        a.patient_id, p.name AS patient_name, a.performed_by_id, pu.name AS performed_by_name,
        a.assigned_to_id, au.name AS assigned_to_name, a.parent_id, a.created_at, a.updated_at,
        (SELECT COUNT(*) FROM comments c WHERE c.activity_id = a.id) AS comments_count,
        (SELECT COUNT(*) FROM activities s WHERE s.parent_id = a.id) AS subtasks_count,
        (SELECT COUNT(*) FROM activities s WHERE s.parent_id = a.id AND s.status = 'complete')
          AS subtasks_completed_count,
        (EXISTS (SELECT 1 FROM activities b WHERE b.id = a.blocked_by_id AND b.status = 'created')
         OR EXISTS (SELECT 1 FROM activities b WHERE b.blocking_id = a.id AND b.status = 'created'))
          AS blocked
        """

    static let joins = """
        JOIN patients p ON p.id = a.patient_id
        JOIN users pu ON pu.id = a.performed_by_id
        LEFT JOIN users au ON au.id = a.assigned_to_id
        """

    static func summary(_ row: Row) throws -> ActivitySummary {
        ActivitySummary(
            id: row["id"],
            activityType: try type(row),
            status: try status(row),
            message: row["message"],
            subject: row["subject"],
            body: row["body"],
            occurredAt: Timestamp(milliseconds: row["occurred_at"]),
            patientID: row["patient_id"],
            patientName: row["patient_name"],
            performedByID: row["performed_by_id"],
            performedByName: row["performed_by_name"],
            assignedToID: row["assigned_to_id"],
            assignedToName: row["assigned_to_name"],
            parentID: row["parent_id"],
            commentsCount: row["comments_count"],
            createdAt: Timestamp(milliseconds: row["created_at"]),
            updatedAt: Timestamp(milliseconds: row["updated_at"]),
            subtasksCount: row["subtasks_count"],
            subtasksCompletedCount: row["subtasks_completed_count"],
            blocked: row["blocked"])
    }

    static let detailColumns = """
        a.id, a.activity_type, a.status, a.message, a.subject, a.body, a.occurred_at, a.booked_at,
        a.email_to, a.email_attachments, a.transcript, a.patient_id, p.name AS patient_name,
        a.performed_by_id, pu.name AS performed_by_name, a.assigned_to_id,
        au.name AS assigned_to_name, a.parent_id, a.blocked_by_id, a.blocking_id, a.voice_call_id,
        a.text_message_id, a.created_at, a.updated_at, a.lock_version
        """

    static func detail(_ row: Row) throws -> ActivityDetail {
        let bookedAt: Int64? = row["booked_at"]
        let attachments: String? = row["email_attachments"]
        return ActivityDetail(
            id: row["id"],
            activityType: try type(row),
            status: try status(row),
            message: row["message"],
            subject: row["subject"],
            body: row["body"],
            occurredAt: Timestamp(milliseconds: row["occurred_at"]),
            bookedAt: bookedAt.map(Timestamp.init(milliseconds:)),
            emailTo: row["email_to"],
            emailAttachments: decodeList(attachments),
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
            subject: row["subject"], body: row["body"], duration: row["duration"])
    }

    static func comment(_ row: Row) -> Comment {
        Comment(
            id: row["id"], body: row["body"], userID: row["user_id"], userName: row["user_name"],
            createdAt: Timestamp(milliseconds: row["created_at"]))
    }

    static func encodeList(_ list: [String]) -> String? {
        guard !list.isEmpty, let data = try? JSONEncoder().encode(list) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func decodeList(_ text: String?) -> [String] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    private static func type(_ row: Row) throws -> ActivityType {
        guard let value = ActivityType(rawValue: row["activity_type"]) else {
            throw BackendError.unavailable("Store holds an activity of an unknown type")
        }
        return value
    }

    private static func status(_ row: Row) throws -> ActivityStatus {
        guard let value = ActivityStatus(rawValue: row["status"]) else {
            throw BackendError.unavailable("Store holds an activity of an unknown status")
        }
        return value
    }
}
