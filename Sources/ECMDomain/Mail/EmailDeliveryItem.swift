/// One email activity's delivery in the outbox list (`GET /v1/clinic/ecm/email_deliveries`, an
/// extension): the activity, its patient, the recipient and subject, and the delivery itself.
public struct EmailDeliveryItem: Hashable, Sendable {
    public var activityID: Int64
    public var patientID: Int64
    public var patientName: String
    public var emailTo: String?
    public var subject: String?
    public var delivery: EmailDelivery
    /// When the activity (and its message) was recorded.
    public var createdAt: Timestamp

    public init(
        activityID: Int64, patientID: Int64, patientName: String, emailTo: String?, subject: String?, delivery: EmailDelivery,
        createdAt: Timestamp
    ) {
        self.activityID = activityID
        self.patientID = patientID
        self.patientName = patientName
        self.emailTo = emailTo
        self.subject = subject
        self.delivery = delivery
        self.createdAt = createdAt
    }
}

extension EmailDeliveryItem: Decodable {
    enum CodingKeys: String, CodingKey {
        case activityID = "activity_id"
        case patientID = "patient_id"
        case patientName = "patient_name"
        case emailTo = "email_to"
        case subject
        case createdAt = "created_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        activityID = try c.decode(Int64.self, forKey: .activityID)
        patientID = try c.decode(Int64.self, forKey: .patientID)
        patientName = try c.decode(String.self, forKey: .patientName)
        emailTo = try c.decodeIfPresent(String.self, forKey: .emailTo)
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        createdAt = try c.decode(Timestamp.self, forKey: .createdAt)
        delivery = try EmailDelivery(from: decoder)
    }
}

extension EmailDeliveryItem: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("activity_id", activityID)
            writer.member("patient_id", patientID)
            writer.member("patient_name", patientName)
            writer.member("email_to", emailTo)
            writer.member("subject", subject)
            writer.member("status", delivery.status)
            writer.member("attempts", delivery.attempts)
            writer.member("last_error", delivery.lastError)
            writer.member("next_attempt_at", delivery.nextAttemptAt)
            writer.member("sent_at", delivery.sentAt)
            writer.member("message_id", delivery.messageID)
            writer.member("created_at", createdAt)
        }
    }
}

/// Which deliveries a list holds: optionally one status, newest first, paged.
public struct EmailDeliveryQuery: Hashable, Sendable {
    public var page: PageRequest
    public var status: EmailDeliveryStatus?

    public init(page: PageRequest = PageRequest(), status: EmailDeliveryStatus? = nil) {
        self.page = page
        self.status = status
    }

    /// From query parameters `status`, `page`, `page_size`, as the activities list reads them.
    public init(parameters: [String: String]) throws(BackendError) {
        var reader = QueryParameterReader(parameters)
        let page = reader.integer("page", name: "Page") ?? 1
        let size = reader.integer("page_size", name: "Page size") ?? PageRequest.defaultSize
        let status = reader.enumeration("status", EmailDeliveryStatus.self, name: "Status")
        self.init(page: PageRequest(page: page, size: size), status: status)
        try reader.finish(extra: self.page.validationMessages())
    }
}

/// `{"email_deliveries": [...], "pagination": {...}}`.
public struct EmailDeliveriesBody: Decodable, Sendable, Equatable {
    public var emailDeliveries: [EmailDeliveryItem]
    public var pagination: Pagination

    enum CodingKeys: String, CodingKey {
        case emailDeliveries = "email_deliveries"
        case pagination
    }

    public init(_ page: Page<EmailDeliveryItem>) {
        emailDeliveries = page.items
        pagination = page.pagination
    }

    public var page: Page<EmailDeliveryItem> { Page(items: emailDeliveries, pagination: pagination) }
}

extension EmailDeliveriesBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page("email_deliveries", emailDeliveries, pagination)
    }
}

/// `{"email_delivery": {...}}`: the answer to a retry.
public struct EmailDeliveryBody: Decodable, Sendable, Equatable {
    public var emailDelivery: EmailDeliveryItem

    enum CodingKeys: String, CodingKey {
        case emailDelivery = "email_delivery"
    }

    public init(_ item: EmailDeliveryItem) { emailDelivery = item }
}

extension EmailDeliveryBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("email_delivery", emailDelivery) }
    }
}
