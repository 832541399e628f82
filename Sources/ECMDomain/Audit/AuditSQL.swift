/// The audit trail's SQL both stores run alike (`?` placeholders; the PostgreSQL store numbers them).
public enum AuditSQL {
    public static let columns = """
        id, at, user_id, clinic_id, action, patient_id, resource, resource_id, status, remote_address, request_id, previous_hash, hash
        """

    /// One row, in `columns` order (13 values).
    public static let insert = "INSERT INTO audit_events (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// A user's clinic (`?` the user), for a row made without it.
    public static let userClinic = "SELECT clinic_id FROM users WHERE id = ?"

    /// The head moves to the last row appended (`?` id, `?` hash).
    public static let moveHead = "UPDATE audit_head SET last_id = ?, last_hash = ? WHERE id = 1"

    /// Rows after an id (`?`), `?` at most, in order.
    public static let chain = "SELECT \(columns) FROM audit_events WHERE id > ? ORDER BY id LIMIT ?"

    /// A query's conditions and their values, for `SELECT … WHERE` (always true when empty).
    public static func filter(_ query: AuditQuery) -> (sql: String, values: [Int64]) {
        var conditions: [String] = []
        var values: [Int64] = []
        if let patient = query.patientID { conditions.append("patient_id = ?"); values.append(patient) }
        if let user = query.userID { conditions.append("user_id = ?"); values.append(user) }
        if let clinic = query.clinicID { conditions.append("clinic_id = ?"); values.append(clinic) }
        if let from = query.from { conditions.append("at >= ?"); values.append(from.milliseconds) }
        if let to = query.to { conditions.append("at < ?"); values.append(to.milliseconds) }
        return (conditions.isEmpty ? "1 = 1" : conditions.joined(separator: " AND "), values)
    }
}
