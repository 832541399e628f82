/// Filters, order and page of a patient's activities (and of the cross-patient queue).
public struct ActivityQuery: Hashable, Sendable {
    public var page: PageRequest
    public var activityType: ActivityType?
    public var assignedToID: Int64?
    public var status: ActivityStatus?
    /// Extension: only activities due (`ActivityListSQL.due`) before / from these times.
    public var dueBefore: Timestamp?
    public var dueAfter: Timestamp?
    /// Extension: only open activities whose due time has passed.
    public var overdue: Bool
    /// Extension: the order; nil is the list's own (a timeline newest first, the queue oldest first).
    public var order: ListOrder?
    /// Extension `assigned_after`: only what was given to its assignee by someone else after
    /// this time (what is new for them).
    public var assignedAfter: Timestamp?
    /// Extension `new_since`, for the queue: what was given to its user by someone else after
    /// this time comes first, latest first, then the rest in the list's order.
    public var newSince: Timestamp?
    /// Extension `unassigned=true`, for the queue: instead of someone's work, the work of the
    /// caller's clinic that nobody can act on — no assignee, or a disabled account's (the other
    /// filters apply as usual: `status=created` is its open work).
    public var unassigned: Bool

    public init(
        page: PageRequest = PageRequest(), activityType: ActivityType? = nil,
        assignedToID: Int64? = nil, status: ActivityStatus? = nil, dueBefore: Timestamp? = nil, dueAfter: Timestamp? = nil,
        overdue: Bool = false, order: ListOrder? = nil, assignedAfter: Timestamp? = nil, newSince: Timestamp? = nil,
        unassigned: Bool = false
    ) {
        self.page = page
        self.activityType = activityType
        self.assignedToID = assignedToID
        self.status = status
        self.dueBefore = dueBefore
        self.dueAfter = dueAfter
        self.overdue = overdue
        self.order = order
        self.assignedAfter = assignedAfter
        self.newSince = newSince
        self.unassigned = unassigned
    }

    /// Whether a filter the counts kept per list do not cover narrows it (due times, assigned
    /// after): its count is then counted.
    public var hasCountedFilter: Bool { dueBefore != nil || dueAfter != nil || overdue || assignedAfter != nil || unassigned }

    /// The query from the API's query parameters (`page`, `page_size`, `activity_type`,
    /// `assigned_to_id`, `status`, and the extensions `due_before`, `due_after`, `overdue`,
    /// `order`, `assigned_after`, `new_since`, `unassigned`), with the API's defaults. Unknown parameters are ignored; empty ones count as
    /// absent.
    public init(parameters: [String: String]) throws(BackendError) {
        var reader = QueryParameterReader(parameters)
        let page = reader.integer("page", name: "Page") ?? 1
        let size = reader.integer("page_size", name: "Page size") ?? PageRequest.defaultSize
        let type = reader.enumeration("activity_type", ActivityType.self, name: "Activity type")
        let assignee = reader.integer64("assigned_to_id", name: "Assigned to")
        let status = reader.enumeration("status", ActivityStatus.self, name: "Status")
        let dueBefore = reader.date("due_before", name: "Due before")
        let dueAfter = reader.date("due_after", name: "Due after")
        let overdue = reader.enumeration("overdue", BooleanParameter.self, name: "Overdue")
        let order = reader.enumeration("order", ListOrder.self, name: "Order")
        let assignedAfter = reader.date("assigned_after", name: "Assigned after")
        let newSince = reader.date("new_since", name: "New since")
        let unassigned = reader.enumeration("unassigned", BooleanParameter.self, name: "Unassigned")
        self.init(
            page: PageRequest(page: page, size: size), activityType: type, assignedToID: assignee,
            status: status, dueBefore: dueBefore, dueAfter: dueAfter, overdue: overdue == .true, order: order,
            assignedAfter: assignedAfter, newSince: newSince, unassigned: unassigned == .true)
        try reader.finish(extra: self.page.validationMessages())
    }

    /// The query parameters that say this query (defaults left out).
    public var parameters: [(String, String)] {
        var items: [(String, String)] = []
        if page.page != 1 { items.append(("page", String(page.page))) }
        if page.size != PageRequest.defaultSize { items.append(("page_size", String(page.size))) }
        if let activityType { items.append(("activity_type", activityType.rawValue)) }
        if let assignedToID { items.append(("assigned_to_id", String(assignedToID))) }
        if let status { items.append(("status", status.rawValue)) }
        if let dueBefore { items.append(("due_before", dueBefore.iso8601)) }
        if let dueAfter { items.append(("due_after", dueAfter.iso8601)) }
        if overdue { items.append(("overdue", "true")) }
        if let order { items.append(("order", order.rawValue)) }
        if let assignedAfter { items.append(("assigned_after", assignedAfter.iso8601)) }
        if let newSince { items.append(("new_since", newSince.iso8601)) }
        if unassigned { items.append(("unassigned", "true")) }
        return items
    }
}

/// The orders a list can be read in (extension `order`).
public enum ListOrder: String, CaseIterable, Sendable, Hashable {
    /// By when it happened, newest first (a timeline's own order).
    case newest
    /// By when it happened, oldest first (the queue's own order).
    case oldest
    /// Soonest due first — so what is overdue comes first — then what has no due time, oldest first.
    case due
}

/// `true` or `false` in a query.
enum BooleanParameter: String { case `true`, `false` }

/// Reads typed query parameters and collects a message for each unusable one.
struct QueryParameterReader {
    private let parameters: [String: String]
    private(set) var messages: [String] = []

    init(_ parameters: [String: String]) { self.parameters = parameters }

    private func raw(_ key: String) -> String? {
        guard let value = parameters[key]?.trimmingWhitespace, !value.isEmpty else { return nil }
        return value
    }

    mutating func integer(_ key: String, name: String) -> Int? {
        guard let text = raw(key) else { return nil }
        guard let value = Int(text), value.magnitude < 1 << 53 else {
            messages.append("\(name) is not a number")
            return nil
        }
        return value
    }

    mutating func integer64(_ key: String, name: String) -> Int64? {
        integer(key, name: name).map(Int64.init)
    }

    mutating func enumeration<E: RawRepresentable>(_ key: String, _ type: E.Type, name: String) -> E?
    where E.RawValue == String {
        guard let text = raw(key) else { return nil }
        guard let value = E(rawValue: text) else {
            messages.append("\(name) is not included in the list")
            return nil
        }
        return value
    }

    mutating func string(_ key: String) -> String? { raw(key) }

    mutating func date(_ key: String, name: String) -> Timestamp? {
        guard let text = raw(key) else { return nil }
        guard let value = Timestamp(iso8601: text) else {
            messages.append("\(name) is invalid")
            return nil
        }
        return value
    }

    func finish(extra: [String]) throws(BackendError) {
        let all = messages + extra
        if !all.isEmpty { throw .validation(all) }
    }
}

extension String {
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}
