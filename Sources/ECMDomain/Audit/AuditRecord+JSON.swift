extension AuditRecord: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("at", entry.at)
            writer.member("user_id", entry.userID)
            writer.member("clinic_id", entry.clinicID)
            writer.member("action", entry.action.rawValue)
            writer.member("patient_id", entry.patientID)
            writer.member("resource", entry.resource)
            writer.member("resource_id", entry.resourceID)
            writer.member("status", entry.status)
            writer.member("remote_address", entry.remoteAddress)
            writer.member("request_id", entry.requestID)
            writer.member("hash", hash.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
        }
    }

    /// The CSV header `csvLine` follows (RFC 4180).
    public static let csvHeader = "id,at,user_id,clinic_id,action,patient_id,resource,resource_id,status,remote_address,request_id,hash"

    public var csvLine: String {
        let fields: [String] = [
            String(id), entry.at.iso8601, entry.userID.map(String.init) ?? "", entry.clinicID.map(String.init) ?? "", entry.action.rawValue,
            entry.patientID.map(String.init) ?? "", entry.resource, entry.resourceID.map(String.init) ?? "", String(entry.status),
            entry.remoteAddress ?? "", entry.requestID ?? "", hash.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(),
        ]
        return fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}

/// `{"audit_events": [...], "pagination": {...}}`.
public struct AuditEventsBody: JSONWritable, Sendable {
    public let page: Page<AuditRecord>
    public init(_ page: Page<AuditRecord>) { self.page = page }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("audit_events", page.items)
            writer.member("pagination", page.pagination)
        }
    }
}
