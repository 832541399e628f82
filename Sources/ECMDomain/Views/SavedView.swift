import Foundation

/// A named filter of the work lists (extension: `/v1/clinic/views`): kept per user and, when
/// shared, seen by everyone in the user's clinic.
public struct SavedView: Hashable, Sendable, Identifiable {
    public var id: Int64
    public var name: String
    public var filters: ViewFilters
    public var shared: Bool
    /// Whose view it is (only they may change it).
    public var userID: Int64
    public var userName: String

    public init(id: Int64, name: String, filters: ViewFilters, shared: Bool, userID: Int64, userName: String) {
        self.id = id
        self.name = name
        self.filters = filters
        self.shared = shared
        self.userID = userID
        self.userName = userName
    }

    /// The views every user has without saving them (negative ids: never a stored view's).
    public static let builtIn: [SavedView] = [
        SavedView(id: -1, name: "My open", filters: ViewFilters(status: .created), shared: false, userID: 0, userName: ""),
        SavedView(id: -2, name: "Overdue", filters: ViewFilters(due: .overdue), shared: false, userID: 0, userName: ""),
        SavedView(id: -3, name: "Due today", filters: ViewFilters(status: .created, due: .today), shared: false, userID: 0, userName: ""),
        SavedView(id: -4, name: "Due this week", filters: ViewFilters(status: .created, due: .week), shared: false, userID: 0, userName: ""),
        SavedView(id: -5, name: "Unassigned", filters: ViewFilters(status: .created, unassigned: true), shared: false, userID: 0, userName: ""),
    ]

    public var isBuiltIn: Bool { id < 0 }

    /// My open work: the queue `m` shows, and the only list new items lead.
    public static var myOpen: SavedView { builtIn[0] }
}

/// What a view selects: the work of one person (the viewer unless it names someone) — or the
/// clinic's work nobody can act on (`unassigned`) — optionally of one patient, type and status,
/// and how soon it is due.
public struct ViewFilters: Hashable, Sendable {
    public enum Due: String, CaseIterable, Sendable {
        /// Open and past due.
        case overdue
        /// Due between the start and the end of today, on the viewer's clock.
        case today
        /// Due from now to seven days from now.
        case week
    }

    public var activityType: ActivityType?
    public var status: ActivityStatus?
    /// Whose work: a user of the clinic, or (nil) whoever looks at the view.
    public var assignedToID: Int64?
    public var due: Due?
    public var patientID: Int64?
    /// Instead of someone's work: the clinic's that nobody can act on (no assignee, or a
    /// disabled account's), for whoever hands it out again.
    public var unassigned: Bool

    public init(
        activityType: ActivityType? = nil, status: ActivityStatus? = nil, assignedToID: Int64? = nil, due: Due? = nil, patientID: Int64? = nil,
        unassigned: Bool = false
    ) {
        self.activityType = activityType
        self.status = status
        self.assignedToID = assignedToID
        self.due = due
        self.patientID = patientID
        self.unassigned = unassigned
    }

    /// The list query the view stands for at `now`, days counted in `zone`.
    public func query(viewer: Int64, now: Timestamp, zone: TimeZone, page: PageRequest = PageRequest()) -> ActivityQuery {
        var query = ActivityQuery(page: page, activityType: activityType, status: status)
        query.order = .due
        query.assignedToID = unassigned ? nil : assignedToID ?? viewer
        query.unassigned = unassigned
        switch due {
        case .overdue?: query.overdue = true
        case .today?:
            let today = WallClock.local(now, zone).date
            let tomorrow = CivilDate(daysSinceEpoch: today.daysSinceEpoch + 1)
            query.dueAfter = WallClock.parse(today.iso8601 + " 00:00", zone)
            query.dueBefore = WallClock.parse(tomorrow.iso8601 + " 00:00", zone)
        case .week?:
            query.dueAfter = now
            query.dueBefore = now.adding(seconds: 7 * 86_400)
        case nil: break
        }
        return query
    }
}

/// A view as a request sets it, `{"view": {"name", "filters", "shared"}}`; nil keeps what is
/// there. Read and checked as the API answers: every message at once, Rails-style.
public struct ViewChange: Sendable, Hashable {
    public var name: String?
    public var filters: ViewFilters?
    public var shared: Bool?

    public static let blankNameMessage = "Name can't be blank"
    public static let longNameMessage = "Name is too long (maximum is 100 characters)"
    public static let takenNameMessage = "Name has already been taken"
    public static let filtersMessage = "Filters must be an object"
    public static let sharedMessage = "Shared must be true or false"
    public static let assigneeMessage = "Assigned to must exist"
    public static let patientMessage = "Patient must exist"
    public static let unassignedMessage = "Unassigned must be true or false"

    public init(name: String? = nil, filters: ViewFilters? = nil, shared: Bool? = nil) {
        self.name = name
        self.filters = filters
        self.shared = shared
    }

    /// Reads a request body; `creating` requires a name. Throws `.badRequest` without a `view`
    /// object and `.validation` with each member's message.
    public init(_ body: JSONValue, creating: Bool) throws(BackendError) {
        guard case .object(let root) = body, case .object(let fields)? = root["view"] else {
            throw .badRequest("param is missing or the value is empty: view")
        }
        var messages: [String] = []
        switch fields["name"] {
        case .string(let text)?:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let problem = Self.nameProblem(trimmed) { messages.append(problem) } else { name = trimmed }
        case nil where !creating: break
        default: messages.append(Self.blankNameMessage)
        }
        switch fields["filters"] {
        case nil where !creating: break
        case nil, .null?: filters = ViewFilters()
        case .object(let members)?:
            var parsed = ViewFilters()
            func word<T: RawRepresentable<String>>(_ key: String, _ message: String) -> T? {
                switch members[key] {
                case nil, .null?: return nil
                case .string(let text)?:
                    if let value = T(rawValue: text) { return value }
                default: break
                }
                messages.append(message)
                return nil
            }
            func number(_ key: String, _ message: String) -> Int64? {
                switch members[key] {
                case nil, .null?: return nil
                case .integer(let value)?: return value
                default:
                    messages.append(message)
                    return nil
                }
            }
            parsed.activityType = word("activity_type", "Activity type is not included in the list")
            parsed.status = word("status", "Status is not included in the list")
            parsed.due = word("due", "Due is not included in the list")
            parsed.assignedToID = number("assigned_to_id", Self.assigneeMessage)
            parsed.patientID = number("patient_id", Self.patientMessage)
            switch members["unassigned"] {
            case nil, .null?: break
            case .bool(let value)?: parsed.unassigned = value
            default: messages.append(Self.unassignedMessage)
            }
            filters = parsed
        default: messages.append(Self.filtersMessage)
        }
        switch fields["shared"] {
        case nil where !creating: break
        case nil, .null?: shared = false
        case .bool(let value)?: shared = value
        default: messages.append(Self.sharedMessage)
        }
        guard messages.isEmpty else { throw .validation(messages) }
    }

    /// What is wrong with a view's name (trimmed), if anything: the one rule the request and the
    /// stores both apply.
    public static func nameProblem(_ name: String) -> String? {
        if name.isBlank { return blankNameMessage }
        return name.count > 100 ? longNameMessage : nil
    }

    /// The request body for this change.
    public func requestJSON() -> JSONValue {
        var view: [String: JSONValue] = [:]
        if let name { view["name"] = .string(name) }
        if let filters { view["filters"] = filters.json }
        if let shared { view["shared"] = .bool(shared) }
        return .object(["view": .object(view)])
    }
}

extension ViewFilters {
    /// The filters as a JSON value (a request's body holds them), as `writeJSON` writes them.
    public var json: JSONValue { (try? JSONValue(parsing: Data(JSONWriter.bytes(of: self)))) ?? .null }

    /// Filters as a store keeps them (the same JSON); what cannot be read selects nothing more.
    public init(storedJSON text: String) {
        let change = try? ViewChange(.object(["view": .object(["filters": (try? JSONValue(parsing: Data(text.utf8))) ?? .null])]), creating: false)
        self = change?.filters ?? ViewFilters()
    }

    public var storedJSON: String { String(decoding: JSONWriter.bytes(of: self), as: UTF8.self) }
}

extension ViewFilters: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("activity_type", activityType)
            writer.member("status", status)
            writer.member("assigned_to_id", assignedToID)
            writer.member("due", due?.rawValue)
            writer.member("patient_id", patientID)
            writer.member("unassigned", unassigned)
        }
    }
}

extension SavedView: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", id)
            writer.member("name", name)
            writer.member("filters", filters)
            writer.member("shared", shared)
            writer.member("user_id", userID)
            writer.member("user_name", userName)
        }
    }
}

/// `{"view": {…}}`.
public struct ViewBody: JSONWritable, Decodable, Sendable, Equatable {
    public let view: SavedView
    public init(_ view: SavedView) { self.view = view }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("view", view) }
    }
}

/// `{"views": [...], "pagination": {...}}`.
public struct ViewsBody: JSONWritable, Decodable, Sendable, Equatable {
    public let page: Page<SavedView>
    public init(_ page: Page<SavedView>) { self.page = page }

    enum CodingKeys: String, CodingKey { case views, pagination }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        page = Page(items: try c.decode([SavedView].self, forKey: .views), pagination: try c.decode(Pagination.self, forKey: .pagination))
    }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("views", page.items)
            writer.member("pagination", page.pagination)
        }
    }
}

extension ViewFilters: Decodable {
    enum CodingKeys: String, CodingKey {
        case activityType = "activity_type", status, assignedToID = "assigned_to_id", due, patientID = "patient_id", unassigned
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            activityType: try c.decodeIfPresent(ActivityType.self, forKey: .activityType),
            status: try c.decodeIfPresent(ActivityStatus.self, forKey: .status),
            assignedToID: try c.decodeIfPresent(Int64.self, forKey: .assignedToID),
            due: try c.decodeIfPresent(String.self, forKey: .due).flatMap(Due.init(rawValue:)),
            patientID: try c.decodeIfPresent(Int64.self, forKey: .patientID),
            unassigned: try c.decodeIfPresent(Bool.self, forKey: .unassigned) ?? false)
    }
}

extension SavedView: Decodable {
    enum CodingKeys: String, CodingKey {
        case id, name, filters, shared, userID = "user_id", userName = "user_name"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(Int64.self, forKey: .id), name: try c.decode(String.self, forKey: .name),
            filters: try c.decodeIfPresent(ViewFilters.self, forKey: .filters) ?? ViewFilters(),
            shared: try c.decodeIfPresent(Bool.self, forKey: .shared) ?? false, userID: try c.decode(Int64.self, forKey: .userID),
            userName: try c.decodeIfPresent(String.self, forKey: .userName) ?? "")
    }
}
