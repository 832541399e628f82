import ECMDomain
import Logging
import PostgresNIO

extension PostgresBackend {
    public func emailDeliveries(_ query: EmailDeliveryQuery) async throws(BackendError) -> Page<EmailDeliveryItem> {
        try query.page.validate()
        let logger = logger
        return try await read { connection, user in
            var count = SQLBuilder()
            var list = SQLBuilder()
            var countFilter = "WHERE p.clinic_id = \(count.bind(user.clinicID))"
            var listFilter = "WHERE p.clinic_id = \(list.bind(user.clinicID))"
            if let status = query.status {
                countFilter += " AND o.status = \(count.bind(status.rawValue))"
                listFilter += " AND o.status = \(list.bind(status.rawValue))"
            }
            count.sql = "SELECT COUNT(*)::bigint \(EmailOutboxSQL.itemJoins) \(countFilter)"
            list.sql = """
                SELECT \(EmailOutboxSQL.itemColumns) \(EmailOutboxSQL.itemJoins) \(listFilter)
                ORDER BY o.activity_id DESC LIMIT \(list.bind(query.page.size)) OFFSET \(list.bind(query.page.offset))
                """
            let total = Int(try await connection.value(Int64.self, count.query, logger: logger) ?? 0)
            let items = try await connection.rows(list.query, logger: logger).map(Self.emailDeliveryItem)
            return Page(items: items, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    public func retryEmail(activityID: Int64) async throws(BackendError) -> EmailDeliveryItem {
        let logger = logger
        return try await write(
            patientID: nil, audit: { AuditTarget(.update, "email_delivery", patientID: $0.patientID, resourceID: activityID, status: 202) }
        ) { connection, user in
            let clinic = user.clinicID
            guard let status = try await connection.value(
                String.self,
                """
                SELECT o.status FROM email_outbox o JOIN activities a ON a.id = o.activity_id JOIN patients p ON p.id = a.patient_id
                WHERE o.activity_id = \(activityID) AND p.clinic_id = \(clinic) FOR UPDATE OF o
                """, logger: logger)
            else { throw BackendError.activityNotFound }
            guard status == EmailDeliveryStatus.failed.rawValue else { throw BackendError.onlyFailedEmailsRetry }
            let now = Timestamp.now().milliseconds
            try await connection.query(
                """
                UPDATE email_outbox SET status = 'pending', attempts = 0, next_attempt_at = \(now), updated_at = \(now),
                  lease_owner = NULL, lease_expires_at = NULL
                WHERE activity_id = \(activityID)
                """, logger: logger)
            var item = SQLBuilder()
            item.sql = "SELECT \(EmailOutboxSQL.itemColumns) \(EmailOutboxSQL.itemJoins) WHERE o.activity_id = \(item.bind(activityID))"
            guard let row = try await connection.row(item.query, logger: logger) else { throw BackendError.activityNotFound }
            return try Self.emailDeliveryItem(row)
        }
    }

    static func emailDeliveryItem(_ row: PostgresRandomAccessRow) throws -> EmailDeliveryItem {
        guard let delivery = try StoredColumns.emailDelivery(
            status: row[5].decode(String?.self), attempts: row[6].decode(Int64?.self), lastError: row[7].decode(String?.self),
            nextAttemptAt: row[8].decode(Int64?.self), sentAt: row[9].decode(Int64?.self), messageID: row[10].decode(String?.self))
        else { throw BackendError.unavailable("Store holds an email without its delivery") }
        return EmailDeliveryItem(
            activityID: try row[0].decode(Int64.self), patientID: try row[1].decode(Int64.self), patientName: try row[2].decode(String.self),
            emailTo: try row[3].decode(String?.self), subject: try row[4].decode(String?.self), delivery: delivery,
            createdAt: Timestamp(milliseconds: try row[11].decode(Int64.self)))
    }
}
