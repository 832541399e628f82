import ECMDomain
import Foundation
import PostgresNIO

/// The SQL that reads activities from PostgreSQL and the mapping of its rows to the domain's
/// shapes: the same columns, in the same order, as the SQLite store's `ActivitySQL`.
enum PostgresRows {
    static let summaryColumns = """
        a.id, a.activity_type, a.status, a.message, a.subject, a.body, a.occurred_at, a.patient_id, p.name,
        a.performed_by_id, pu.name, a.assigned_to_id, au.name, a.parent_id, a.created_at, a.updated_at,
        (SELECT COUNT(*) FROM comments c WHERE c.activity_id = a.id),
        (SELECT COUNT(*) FROM activities s WHERE s.parent_id = a.id),
        (SELECT COUNT(*) FROM activities s WHERE s.parent_id = a.id AND s.status = 'complete'),
        (EXISTS (SELECT 1 FROM activities b WHERE b.id = a.blocked_by_id AND b.status = 'created')
          OR EXISTS (SELECT 1 FROM activities b WHERE b.blocking_id = a.id AND b.status = 'created')),
        o.status, a.due_at, a.booked_at, a.lock_version, a.assigned_at, a.assigned_by_id
        """

    /// How many columns `summaryColumns` names.
    static let summaryColumnCount = 26

    static let joins = """
        JOIN patients p ON p.id = a.patient_id
        JOIN users pu ON pu.id = a.performed_by_id
        LEFT JOIN users au ON au.id = a.assigned_to_id
        \(StoredColumns.emailOutboxJoin)
        """

    static func summary(_ row: PostgresRandomAccessRow) throws -> ActivitySummary {
        ActivitySummary(
            id: try row[0].decode(Int64.self),
            activityType: try StoredColumns.activityType(row[1].decode(String.self)),
            status: try StoredColumns.status(row[2].decode(String.self)),
            message: try row[3].decode(String?.self),
            subject: try row[4].decode(String?.self),
            body: try row[5].decode(String?.self),
            occurredAt: Timestamp(milliseconds: try row[6].decode(Int64.self)),
            patientID: try row[7].decode(Int64.self),
            patientName: try row[8].decode(String.self),
            performedByID: try row[9].decode(Int64.self),
            performedByName: try row[10].decode(String.self),
            assignedToID: try row[11].decode(Int64?.self),
            assignedToName: try row[12].decode(String?.self),
            parentID: try row[13].decode(Int64?.self),
            commentsCount: Int(try row[16].decode(Int64.self)),
            createdAt: Timestamp(milliseconds: try row[14].decode(Int64.self)),
            updatedAt: Timestamp(milliseconds: try row[15].decode(Int64.self)),
            subtasksCount: Int(try row[17].decode(Int64.self)),
            subtasksCompletedCount: Int(try row[18].decode(Int64.self)),
            blocked: try row[19].decode(Bool.self),
            emailStatus: try StoredColumns.emailStatus(row[20].decode(String?.self)),
            dueAt: try row[21].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            bookedAt: try row[22].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            revision: try row[23].decode(Int64.self),
            assignedAt: try row[24].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            assignedByID: try row[25].decode(Int64?.self))
    }

    static let detailColumns = """
        a.id, a.activity_type, a.status, a.message, a.subject, a.body, a.occurred_at, a.booked_at,
        a.email_to, a.email_attachments, a.transcript, a.patient_id, p.name,
        a.performed_by_id, pu.name, a.assigned_to_id, au.name, a.parent_id, a.blocked_by_id, a.blocking_id,
        a.voice_call_id, a.text_message_id, a.created_at, a.updated_at, a.lock_version,
        \(StoredColumns.emailDeliveryColumns), a.due_at, a.duration, a.outcome
        """

    static func detail(_ row: PostgresRandomAccessRow) throws -> ActivityDetail {
        ActivityDetail(
            id: try row[0].decode(Int64.self),
            activityType: try StoredColumns.activityType(row[1].decode(String.self)),
            status: try StoredColumns.status(row[2].decode(String.self)),
            message: try row[3].decode(String?.self),
            subject: try row[4].decode(String?.self),
            body: try row[5].decode(String?.self),
            occurredAt: Timestamp(milliseconds: try row[6].decode(Int64.self)),
            bookedAt: try row[7].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            emailTo: try row[8].decode(String?.self),
            emailAttachments: StoredColumns.attachments(from: try row[9].decode(String?.self)),
            transcript: try row[10].decode(String?.self),
            patientID: try row[11].decode(Int64.self),
            patientName: try row[12].decode(String.self),
            performedByID: try row[13].decode(Int64.self),
            performedByName: try row[14].decode(String.self),
            assignedToID: try row[15].decode(Int64?.self),
            assignedToName: try row[16].decode(String?.self),
            parentID: try row[17].decode(Int64?.self),
            blockedByID: try row[18].decode(Int64?.self),
            blockingID: try row[19].decode(Int64?.self),
            voiceCallID: try row[20].decode(Int64?.self),
            textMessageID: try row[21].decode(Int64?.self),
            dueAt: try row[31].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            duration: try row[32].decode(Int64?.self),
            outcome: try row[33].decode(String?.self).flatMap(ActivityOutcome.init(rawValue:)),
            emailDelivery: try StoredColumns.emailDelivery(
                status: row[25].decode(String?.self), attempts: row[26].decode(Int64?.self), lastError: row[27].decode(String?.self),
                nextAttemptAt: row[28].decode(Int64?.self), sentAt: row[29].decode(Int64?.self), messageID: row[30].decode(String?.self)),
            createdAt: Timestamp(milliseconds: try row[22].decode(Int64.self)),
            updatedAt: Timestamp(milliseconds: try row[23].decode(Int64.self)),
            revision: try row[24].decode(Int64.self))
    }

    static let eventColumns = "id, activity_id, event_type, occurred_at, status, subject, body, duration, outcome"

    static func event(_ row: PostgresRandomAccessRow) throws -> Event {
        guard let type = ActivityType(rawValue: try row[2].decode(String.self)),
            let status = ActivityStatus(rawValue: try row[4].decode(String.self))
        else { throw BackendError.unavailable("Store holds an event of an unknown type or status") }
        return Event(
            id: try row[0].decode(Int64.self), activityID: try row[1].decode(Int64.self), eventType: type,
            occurredAt: Timestamp(milliseconds: try row[3].decode(Int64.self)), status: status,
            subject: try row[5].decode(String?.self), body: try row[6].decode(String?.self),
            duration: try row[7].decode(Int64?.self).map(Int.init),
            outcome: try row[8].decode(String?.self).flatMap(ActivityOutcome.init(rawValue:)))
    }

    static let commentColumns = "c.id, c.body, c.user_id, u.name, c.created_at"

    static func comment(_ row: PostgresRandomAccessRow) throws -> Comment {
        Comment(
            id: try row[0].decode(Int64.self), body: try row[1].decode(String.self), userID: try row[2].decode(Int64.self),
            userName: try row[3].decode(String.self), createdAt: Timestamp(milliseconds: try row[4].decode(Int64.self)))
    }

    static let patientColumns = """
        p.id, p.name, p.date_of_birth, p.last_activity_at,
        (SELECT COUNT(*) FROM activities a WHERE a.patient_id = p.id AND a.status = 'created'),
        \(MemberField.allCases.map { "p." + $0.column }.joined(separator: ", "))
        """

    static func patient(_ row: PostgresRandomAccessRow) throws -> Patient {
        var stored: [StoredScalar?] = []
        for (index, field) in MemberField.allCases.enumerated() {
            let cell = row[5 + index]
            stored.append(
                field.isStoredAsInteger
                    ? try cell.decode(Int64?.self).map(StoredScalar.integer) : try cell.decode(String?.self).map(StoredScalar.text))
        }
        return Patient(
            id: try row[0].decode(Int64.self), name: try row[1].decode(String.self),
            dateOfBirth: try row[2].decode(String?.self).flatMap(CivilDate.init(iso8601:)),
            openActivitiesCount: Int(try row[4].decode(Int64.self)),
            lastActivityAt: try row[3].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
            member: MemberRecord(stored: stored))
    }

    /// A user from `id, name, clinic_id`.
    static func user(_ row: PostgresRandomAccessRow) throws -> User {
        User(id: try row[0].decode(Int64.self), name: try row[1].decode(String.self), clinicID: try row[2].decode(Int64.self))
    }




}
