import ECMDomain
import GRDB

extension StoreBackend {
    public func emailDeliveries(_ query: EmailDeliveryQuery) async throws(BackendError) -> Page<EmailDeliveryItem> {
        try query.page.validate()
        return try await read(audit: AuditTarget(.read, "email_deliveries")) { db, user in
            let filter = "WHERE p.clinic_id = ?" + (query.status == nil ? "" : " AND o.status = ?")
            let arguments: StatementArguments = [user.clinicID] + (query.status.map { [$0.rawValue] } ?? [])
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) \(EmailOutboxSQL.itemJoins) \(filter)", arguments: arguments) ?? 0
            let items = try Row.fetchAll(
                db,
                sql: "SELECT \(EmailOutboxSQL.itemColumns) \(EmailOutboxSQL.itemJoins) \(filter) ORDER BY o.activity_id DESC LIMIT ? OFFSET ?",
                arguments: arguments + [query.page.size, query.page.offset]
            ).map(Self.emailDeliveryItem)
            return Page(items: items, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    public func retryEmail(activityID: Int64) async throws(BackendError) -> EmailDeliveryItem {
        try await write(
            audit: { AuditTarget(.update, "email_delivery", patientID: $0.patientID, resourceID: activityID, status: 202) },
            failed: AuditTarget(.update, "email_delivery", resourceID: activityID)
        ) { db, user in
            let now = Timestamp.now()
            guard let status = try String.fetchOne(
                db, sql: "SELECT o.status \(EmailOutboxSQL.itemJoins) WHERE o.activity_id = ? AND p.clinic_id = ?",
                arguments: [activityID, user.clinicID])
            else { throw BackendError.activityNotFound }
            guard status == EmailDeliveryStatus.failed.rawValue else { throw BackendError.onlyFailedEmailsRetry }
            try db.execute(sql: EmailOutboxSQL.retry, arguments: [now.milliseconds, now.milliseconds, activityID])
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(EmailOutboxSQL.itemColumns) \(EmailOutboxSQL.itemJoins) WHERE o.activity_id = ?", arguments: [activityID])
            else { throw BackendError.activityNotFound }
            return try Self.emailDeliveryItem(row)
        }
    }

    static func emailDeliveryItem(_ row: Row) throws -> EmailDeliveryItem {
        guard let delivery = try StoredColumns.emailDelivery(
            status: row[5], attempts: row[6], lastError: row[7], nextAttemptAt: row[8], sentAt: row[9], messageID: row[10])
        else { throw BackendError.unavailable("Store holds an email without its delivery") }
        return EmailDeliveryItem(
            activityID: row[0], patientID: row[1], patientName: row[2], emailTo: row[3], subject: row[4], delivery: delivery,
            createdAt: Timestamp(milliseconds: row[11]))
    }
}
