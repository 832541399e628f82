/// One row of the audit trail (HIPAA 164.312(b)): who did what to which member's record, when,
/// from where, and how it ended — never a value of the record (no names, bodies or search text).
public struct AuditEntry: Sendable, Hashable {
    public enum Action: String, Sendable, CaseIterable {
        case read, search, create, update, delete, export
        case signIn = "sign_in", signInFailed = "sign_in_failed", signOut = "sign_out", sessionExpired = "session_expired"
    }

    public var at: Timestamp
    public var userID: Int64?
    /// The user's clinic, filled in by the store from the user when not given (nil without a user).
    public var clinicID: Int64?
    public var action: Action
    public var patientID: Int64?
    /// What was touched: `patient`, `patients`, `activity`, `activities`, `comment`, `comments`,
    /// `events`, `email_delivery`, `email_deliveries`, `session`, `audit`.
    public var resource: String
    public var resourceID: Int64?
    /// The API's status for it (200, 201, 204, 404, 412, 422…).
    public var status: Int
    public var remoteAddress: String?
    public var requestID: String?

    public init(
        at: Timestamp = .now(), userID: Int64?, action: Action, patientID: Int64? = nil, resource: String, resourceID: Int64? = nil,
        status: Int, remoteAddress: String? = nil, requestID: String? = nil, clinicID: Int64? = nil
    ) {
        self.at = at
        self.userID = userID
        self.clinicID = clinicID
        self.action = action
        self.patientID = patientID
        self.resource = resource
        self.resourceID = resourceID
        self.status = status
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }

    /// The bytes the chain hashes, after the previous row's hash: every column but the hashes,
    /// in a fixed order, each field's length before it, so that no two rows read alike.
    public func canonicalBytes(id: Int64) -> [UInt8] {
        let fields: [String?] = [
            String(id), String(at.milliseconds), userID.map(String.init), clinicID.map(String.init), action.rawValue,
            patientID.map(String.init), resource,
            resourceID.map(String.init), String(status), remoteAddress, requestID,
        ]
        var bytes: [UInt8] = Array("ecm-audit-v1".utf8)
        for field in fields {
            guard let field else {
                bytes += Array("-1:".utf8)
                continue
            }
            let utf8 = Array(field.utf8)
            bytes += Array("\(utf8.count):".utf8) + utf8
        }
        return bytes
    }
}

/// A stored audit row: its place in the chain and its hashes.
public struct AuditRecord: Sendable, Hashable {
    public var id: Int64
    public var entry: AuditEntry
    public var previousHash: [UInt8]
    public var hash: [UInt8]

    public init(id: Int64, entry: AuditEntry, previousHash: [UInt8], hash: [UInt8]) {
        self.id = id
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Who is acting and from where: what a backend writes into the audit rows it makes.
public struct AuditContext: Sendable, Hashable {
    public var remoteAddress: String?
    public var requestID: String?
    public init(remoteAddress: String? = nil, requestID: String? = nil) {
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }
}

/// Which audit rows to read: a member's, a user's, a time span; paged, oldest first.
public struct AuditQuery: Sendable, Hashable {
    public var patientID: Int64?
    public var userID: Int64?
    /// Only this clinic's rows (an administrator reads their own clinic's trail).
    public var clinicID: Int64?
    public var from: Timestamp?
    public var to: Timestamp?
    public var page: PageRequest

    public init(patientID: Int64? = nil, userID: Int64? = nil, from: Timestamp? = nil, to: Timestamp? = nil, page: PageRequest = PageRequest()) {
        self.patientID = patientID
        self.userID = userID
        self.from = from
        self.to = to
        self.page = page
    }
}

/// The audit trail as a store keeps it: appended in order, each row chained to the one before.
public protocol AuditStore: Sendable {
    /// Appends rows after the chain's head, in one transaction.
    func appendAudit(_ entries: [AuditEntry]) async throws(BackendError)
    /// Rows matching the query, oldest first (by when they happened: a read's row is appended
    /// in a batch, a write's with its change).
    func auditRecords(_ query: AuditQuery) async throws(BackendError) -> Page<AuditRecord>
    /// Rows by id from `after` on, `limit` at a time (for checking the chain).
    func auditChain(after id: Int64, limit: Int) async throws(BackendError) -> [AuditRecord]
    /// The last row's id and hash as the head keeps them (a removed last row shows here).
    func auditHead() async throws(BackendError) -> (id: Int64, hash: [UInt8])
}

/// What one backend call touched, for its audit row: the action, the member, the record.
public struct AuditTarget: Sendable, Hashable {
    public var action: AuditEntry.Action
    public var resource: String
    public var patientID: Int64?
    public var resourceID: Int64?
    /// The API's status when it succeeds.
    public var status: Int

    public init(_ action: AuditEntry.Action, _ resource: String, patientID: Int64? = nil, resourceID: Int64? = nil, status: Int? = nil) {
        self.action = action
        self.resource = resource
        self.patientID = patientID
        self.resourceID = resourceID
        self.status = status ?? (action == .create ? 201 : action == .delete ? 204 : 200)
    }

    /// The row for it, made by `userID`, with `status` (its success status by default), from
    /// where `context` says.
    /// `clinicID` when the caller knows it (else the store looks it up from the user).
    public func entry(
        userID: Int64?, clinicID: Int64? = nil, status: Int? = nil, context: AuditContext?, at: Timestamp = .now()
    ) -> AuditEntry {
        let status = status ?? self.status
        return AuditEntry(
            at: at, userID: userID, action: action, patientID: patientID, resource: resource, resourceID: resourceID, status: status,
            remoteAddress: context?.remoteAddress, requestID: context?.requestID, clinicID: clinicID)
    }
}

extension BackendError {
    /// The API's status for this error (what an audit row records for a refused call).
    public var status: Int {
        switch self {
        case .patientNotFound, .activityNotFound, .userNotFound, .viewNotFound, .reportNotFound: 404
        case .validation: 422
        case .unauthorized, .unknownUser, .sessionExpired, .invalidLogin: 401
        case .conflict: 412
        case .badRequest: 400
        case .unavailable: 503
        case .replayed(let response): response.status
        case .tooManyAttempts: 429
        case .forbidden: 403
        }
    }
}

extension AuditQuery {
    /// The query from `GET /v1/admin/audit`'s parameters: `patient_id`, `user_id`, `from`, `to`
    /// (ISO 8601 dates or times; `to` is exclusive), `page`, `page_size`.
    public init(parameters: [String: String]) throws(BackendError) {
        var reader = QueryParameterReader(parameters)
        let page = reader.integer("page", name: "Page") ?? 1
        let size = reader.integer("page_size", name: "Page size") ?? PageRequest.defaultSize
        self.init(
            patientID: reader.integer64("patient_id", name: "Patient"), userID: reader.integer64("user_id", name: "User"),
            from: reader.date("from", name: "From"), to: reader.date("to", name: "To"), page: PageRequest(page: page, size: size))
        try reader.finish(extra: self.page.validationMessages())
    }
}
