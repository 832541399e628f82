/// The tables a store's records live in, in the order a copy writes them (each refers only to
/// tables before it), with their columns: the same in every store, so rows move between them as
/// they are. List counts and `last_activity_at` are derived, and rebuilt by the target.
public enum TransferTable: String, CaseIterable, Sendable {
    case clinics, users, apiTokens = "api_tokens", patients, activities, comments, events, emailOutbox = "email_outbox"
    case savedViews = "saved_views", queueSeen = "queue_seen"
    case prtfReports = "prtf_reports", prtfReportLines = "prtf_report_lines"

    public enum Kind: Sendable { case integer, text, bytes }

    /// The column rows are copied in order of: `id`, or the activity an outbox entry belongs to.
    public var key: String {
        switch self {
        case .emailOutbox: "activity_id"
        case .queueSeen: "user_id"
        default: "id"
        }
    }

    /// Whether the database makes its ids (and a copy must move them on past the copied ones).
    public var hasOwnIDs: Bool { self != .emailOutbox && self != .queueSeen }

    /// The columns copied, `key` first.
    public var columns: [(name: String, kind: Kind)] {
        switch self {
        case .clinics: [("id", .integer), ("name", .text), ("created_at", .integer)]
        case .users:
            [
                ("id", .integer), ("name", .text), ("name_key", .text), ("created_at", .integer), ("login", .text),
                ("password_hash", .text), ("role", .text), ("disabled_at", .integer), ("clinic_id", .integer),
            ]
        case .apiTokens:
            [
                ("id", .integer), ("user_id", .integer), ("token_sha256", .bytes), ("created_at", .integer), ("revoked_at", .integer),
                ("kind", .text), ("expires_at", .integer), ("last_used_at", .integer),
            ]
        case .patients:
            [
                ("id", .integer), ("name", .text), ("name_key", .text), ("date_of_birth", .text), ("created_at", .integer),
                ("clinic_id", .integer),
            ] + MemberField.allCases.map { ($0.column, $0.isStoredAsInteger ? .integer : .text) }
        case .activities:
            [
                ("id", .integer), ("patient_id", .integer), ("activity_type", .text), ("status", .text), ("message", .text),
                ("subject", .text), ("body", .text), ("occurred_at", .integer), ("booked_at", .integer), ("email_to", .text),
                ("email_attachments", .text), ("transcript", .text), ("performed_by_id", .integer), ("assigned_to_id", .integer),
                ("parent_id", .integer), ("blocked_by_id", .integer), ("blocking_id", .integer), ("voice_call_id", .integer),
                ("text_message_id", .integer), ("created_at", .integer), ("updated_at", .integer), ("lock_version", .integer),
                ("due_at", .integer), ("assigned_at", .integer), ("assigned_by_id", .integer), ("duration", .integer),
                ("outcome", .text),
            ]
        case .comments: [("id", .integer), ("activity_id", .integer), ("user_id", .integer), ("body", .text), ("created_at", .integer)]
        case .events:
            [
                ("id", .integer), ("activity_id", .integer), ("patient_id", .integer), ("event_type", .text), ("occurred_at", .integer),
                ("status", .text), ("subject", .text), ("body", .text), ("duration", .integer),
                ("outcome", .text),
            ]
        case .savedViews:
            [
                ("id", .integer), ("user_id", .integer), ("name", .text), ("filters", .text), ("shared", .integer),
                ("created_at", .integer), ("updated_at", .integer),
            ]
        case .queueSeen: [("user_id", .integer), ("seen_at", .integer)]
        case .prtfReports:
            [
                ("id", .integer), ("clinic_id", .integer), ("filename", .text), ("start_date", .text), ("end_date", .text),
                ("provider_npi", .text), ("provider_name", .text), ("provider_phone", .text), ("patient_count", .integer),
                ("created_by_id", .integer), ("created_at", .integer), ("time_zone", .text), ("empty_columns", .text),
                ("completed_at", .integer),
            ]
        case .prtfReportLines: [("id", .integer), ("report_id", .integer), ("line", .integer), ("text", .text)]
        case .emailOutbox:
            [
                ("activity_id", .integer), ("message_id", .text), ("status", .text), ("attempts", .integer),
                ("last_error", .text), ("next_attempt_at", .integer), ("sent_at", .integer), ("lease_owner", .text),
                ("lease_expires_at", .integer), ("created_at", .integer), ("updated_at", .integer),
            ]
        }
    }

    public var columnNames: [String] { columns.map(\.name) }

    /// Columns that may point at a row written later in the same table: written as NULL with
    /// the rows, then set once every row is there.
    public var laterLinks: [String] { self == .activities ? ["blocked_by_id", "blocking_id"] : [] }
}

/// One value of a copied row.
public enum TransferValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case bytes([UInt8])

    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
}

/// What a store offers to `ecm-server copy`: its rows in id order, and taking rows in.
public protocol StoreTransfer: Sendable {
    /// How many rows a table holds.
    func rowCount(_ table: TransferTable) async throws(BackendError) -> Int
    /// Up to `limit` rows with an id above `afterID`, in id order, columns as `table.columns`.
    func exportRows(_ table: TransferTable, afterID: Int64, limit: Int) async throws(BackendError) -> [[TransferValue]]
    /// Empties every table (`copy --force` on a store that holds records).
    func removeAllRecords() async throws(BackendError)
    /// Writes rows as they are, ids included; `laterLinks` columns are NULL in them.
    func importRows(_ table: TransferTable, _ rows: [[TransferValue]]) async throws(BackendError)
    /// Sets the links held back, then rebuilds what is derived (counts, last activity) and moves
    /// the ids on past the copied ones.
    func finishImport(links: [ActivityLinks]) async throws(BackendError)
    /// The operator's policy, which a copy carries too.
    func storePolicy() async throws(BackendError) -> StorePolicy
    func setStorePolicy(_ policy: StorePolicy) async throws(BackendError)
}

/// An activity's links to others, set after every activity is written.
public struct ActivityLinks: Sendable, Hashable {
    public let id: Int64
    public let blockedByID: Int64?
    public let blockingID: Int64?
    public init(id: Int64, blockedByID: Int64?, blockingID: Int64?) {
        self.id = id
        self.blockedByID = blockedByID
        self.blockingID = blockingID
    }
}
