/// An activity as a list shows it: the fields of the API's list example, plus documented
/// extensions the timeline needs (`subtasks_count`, `subtasks_completed_count`, `blocked`, and
/// `email_status` on email activities).
public struct ActivitySummary: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var activityType: ActivityType
    public var status: ActivityStatus
    public var message: String?
    public var subject: String?
    public var body: String?
    public var occurredAt: Timestamp
    public var patientID: Int64
    public var patientName: String
    public var performedByID: Int64
    public var performedByName: String
    public var assignedToID: Int64?
    public var assignedToName: String?
    public var parentID: Int64?
    public var commentsCount: Int
    public var createdAt: Timestamp
    public var updatedAt: Timestamp
    /// Extension: how many subtasks the activity has.
    public var subtasksCount: Int
    /// Extension: how many of them are complete.
    public var subtasksCompletedCount: Int
    /// Extension: true while an open activity blocks this one.
    public var blocked: Bool
    /// Extension: where an email activity's message is (`email_status`); nil for other types
    /// and for emails recorded before ecm sent them.
    public var emailStatus: EmailDeliveryStatus?
    /// Extension: when it should be done (`due_at`), and when an appointment is booked
    /// (`booked_at`): what a list shows as DUE.
    public var dueAt: Timestamp?
    public var bookedAt: Timestamp?
    /// Extension: the activity's revision (`revision`), what its ETag says: a list item can be
    /// changed with `If-Match` without reading the activity first (marks and batch actions).
    public var revision: Int64
    /// Extension: when it was given to its assignee (`assigned_at`: created, or reassigned),
    /// and by whom (`assigned_by_id`; nil when not known, for what was assigned before ecm
    /// kept it). What is new for someone: given to them by someone else since they last looked.
    public var assignedAt: Timestamp?
    public var assignedByID: Int64?

    public init(
        id: Int64, activityType: ActivityType, status: ActivityStatus, message: String?,
        subject: String?, body: String?, occurredAt: Timestamp, patientID: Int64,
        patientName: String, performedByID: Int64, performedByName: String, assignedToID: Int64?,
        assignedToName: String?, parentID: Int64?, commentsCount: Int, createdAt: Timestamp,
        updatedAt: Timestamp, subtasksCount: Int = 0, subtasksCompletedCount: Int = 0,
        blocked: Bool = false, emailStatus: EmailDeliveryStatus? = nil, dueAt: Timestamp? = nil, bookedAt: Timestamp? = nil,
        revision: Int64 = 1, assignedAt: Timestamp? = nil, assignedByID: Int64? = nil
    ) {
        self.id = id
        self.activityType = activityType
        self.status = status
        self.message = message
        self.subject = subject
        self.body = body
        self.occurredAt = occurredAt
        self.patientID = patientID
        self.patientName = patientName
        self.performedByID = performedByID
        self.performedByName = performedByName
        self.assignedToID = assignedToID
        self.assignedToName = assignedToName
        self.parentID = parentID
        self.commentsCount = commentsCount
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.subtasksCount = subtasksCount
        self.subtasksCompletedCount = subtasksCompletedCount
        self.blocked = blocked
        self.emailStatus = emailStatus
        self.dueAt = dueAt
        self.bookedAt = bookedAt
        self.revision = revision
        self.assignedAt = assignedAt
        self.assignedByID = assignedByID
    }

    /// Whether it was given to its assignee by someone else after `time`.
    public func isAssignedByAnotherAfter(_ time: Timestamp) -> Bool {
        guard let assignedAt, assignedAt > time, assignedToID != nil else { return false }
        return assignedByID != assignedToID
    }

    /// When it is due: its `due_at`, or for an appointment when it is booked
    /// (`ActivityListSQL.due`, which the lists filter and order by).
    public var due: Timestamp? { dueAt ?? (activityType == .inPersonAppointment ? bookedAt : nil) }

    /// The one line a list shows for it: the message of a task, else the subject, else the body.
    public var headline: String {
        for text in [message, subject, body] {
            if let text, !text.isBlank { return text }
        }
        return ""
    }
}

extension ActivitySummary: Decodable {
    enum CodingKeys: String, CodingKey {
        case id
        case activityType = "activity_type"
        case status, message, subject, body
        case occurredAt = "occurred_at"
        case patientID = "patient_id"
        case patientName = "patient_name"
        case performedByID = "performed_by_id"
        case performedByName = "performed_by_name"
        case assignedToID = "assigned_to_id"
        case assignedToName = "assigned_to_name"
        case parentID = "parent_id"
        case commentsCount = "comments_count"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case subtasksCount = "subtasks_count"
        case subtasksCompletedCount = "subtasks_completed_count"
        case blocked
        case emailStatus = "email_status"
        case dueAt = "due_at"
        case bookedAt = "booked_at"
        case revision
        case assignedAt = "assigned_at"
        case assignedByID = "assigned_by_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int64.self, forKey: .id)
        activityType = try c.decode(ActivityType.self, forKey: .activityType)
        status = try c.decode(ActivityStatus.self, forKey: .status)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        body = try c.decodeIfPresent(String.self, forKey: .body)
        occurredAt = try c.decode(Timestamp.self, forKey: .occurredAt)
        patientID = try c.decode(Int64.self, forKey: .patientID)
        patientName = try c.decode(String.self, forKey: .patientName)
        performedByID = try c.decode(Int64.self, forKey: .performedByID)
        performedByName = try c.decode(String.self, forKey: .performedByName)
        assignedToID = try c.decodeIfPresent(Int64.self, forKey: .assignedToID)
        assignedToName = try c.decodeIfPresent(String.self, forKey: .assignedToName)
        parentID = try c.decodeIfPresent(Int64.self, forKey: .parentID)
        commentsCount = try c.decode(Int.self, forKey: .commentsCount)
        createdAt = try c.decode(Timestamp.self, forKey: .createdAt)
        updatedAt = try c.decode(Timestamp.self, forKey: .updatedAt)
        subtasksCount = try c.decodeIfPresent(Int.self, forKey: .subtasksCount) ?? 0
        subtasksCompletedCount = try c.decodeIfPresent(Int.self, forKey: .subtasksCompletedCount) ?? 0
        blocked = try c.decodeIfPresent(Bool.self, forKey: .blocked) ?? false
        emailStatus = try c.decodeIfPresent(EmailDeliveryStatus.self, forKey: .emailStatus)
        dueAt = try c.decodeIfPresent(Timestamp.self, forKey: .dueAt)
        bookedAt = try c.decodeIfPresent(Timestamp.self, forKey: .bookedAt)
        revision = try c.decodeIfPresent(Int64.self, forKey: .revision) ?? 0
        assignedAt = try c.decodeIfPresent(Timestamp.self, forKey: .assignedAt)
        assignedByID = try c.decodeIfPresent(Int64.self, forKey: .assignedByID)
    }
}

extension ActivitySummary: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("activity_type", activityType)
            writer.member("status", status)
            writer.member("message", message)
            writer.member("subject", subject)
            writer.member("body", body)
            writer.member("occurred_at", occurredAt)
            writer.member("patient_id", patientID)
            writer.member("patient_name", patientName)
            writer.member("performed_by_id", performedByID)
            writer.member("performed_by_name", performedByName)
            writer.member("assigned_to_id", assignedToID)
            writer.member("assigned_to_name", assignedToName)
            writer.member("parent_id", parentID)
            writer.member("comments_count", commentsCount)
            writer.member("created_at", createdAt)
            writer.member("updated_at", updatedAt)
            writer.member("subtasks_count", subtasksCount)
            writer.member("subtasks_completed_count", subtasksCompletedCount)
            writer.member("blocked", blocked)
            writer.member("due_at", dueAt)
            writer.member("booked_at", bookedAt)
            writer.member("revision", revision)
            writer.member("assigned_at", assignedAt)
            writer.member("assigned_by_id", assignedByID)
            if let emailStatus { writer.member("email_status", emailStatus) }
        }
    }
}

extension ActivitySummary {
    /// What a list item shows, taken from the activity as it is now (after a write the list
    /// keeps its place and shows the change without a reload).
    public mutating func update(from detail: ActivityDetail) {
        activityType = detail.activityType
        status = detail.status
        message = detail.message
        subject = detail.subject
        body = detail.body
        occurredAt = detail.occurredAt
        dueAt = detail.dueAt
        bookedAt = detail.bookedAt
        assignedToID = detail.assignedToID
        assignedToName = detail.assignedToName
        commentsCount = detail.comments.count
        subtasksCount = detail.subtasks.count
        subtasksCompletedCount = detail.subtasks.filter { $0.status == .complete }.count
        updatedAt = detail.updatedAt
        revision = detail.revision
    }
}
