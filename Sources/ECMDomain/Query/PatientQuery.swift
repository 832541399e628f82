/// A search over patients, with a page (`per_page`, as the patients extension names it).
public struct PatientQuery: Hashable, Sendable {
    public enum Sort: String, CaseIterable, Sendable {
        /// By name, A to Z.
        case name
        /// Most recent activity first.
        case recentActivity = "recent_activity"
    }

    public var page: PageRequest
    /// Matches anywhere in the name, ignoring case and accents.
    public var search: String?
    public var sort: Sort

    public init(page: PageRequest = PageRequest(), search: String? = nil, sort: Sort = .name) {
        self.page = page
        self.search = search
        self.sort = sort
    }

    /// From query parameters `page`, `per_page`, `search`, `sort`.
    public init(parameters: [String: String]) throws(BackendError) {
        var reader = QueryParameterReader(parameters)
        let page = reader.integer("page", name: "Page") ?? 1
        let size = reader.integer("per_page", name: "Per page") ?? PageRequest.defaultSize
        let sort = reader.enumeration("sort", Sort.self, name: "Sort") ?? .name
        self.init(page: PageRequest(page: page, size: size), search: reader.string("search"), sort: sort)
        try reader.finish(extra: self.page.validationMessages(sizeName: "per_page"))
    }

    public var parameters: [(String, String)] {
        var items: [(String, String)] = []
        if page.page != 1 { items.append(("page", String(page.page))) }
        if page.size != PageRequest.defaultSize { items.append(("per_page", String(page.size))) }
        if let search { items.append(("search", search)) }
        if sort != .name { items.append(("sort", sort.rawValue)) }
        return items
    }
}

/// A patient's events, filtered by type and a date range (inclusive), newest first.
public struct EventQuery: Hashable, Sendable {
    public var page: PageRequest
    public var eventType: ActivityType?
    public var startDate: Timestamp?
    public var endDate: Timestamp?

    public init(
        page: PageRequest = PageRequest(), eventType: ActivityType? = nil,
        startDate: Timestamp? = nil, endDate: Timestamp? = nil
    ) {
        self.page = page
        self.eventType = eventType
        self.startDate = startDate
        self.endDate = endDate
    }

    /// From query parameters `page`, `per_page`, `event_type`, `start_date`, `end_date`.
    public init(parameters: [String: String]) throws(BackendError) {
        var reader = QueryParameterReader(parameters)
        let page = reader.integer("page", name: "Page") ?? 1
        let size = reader.integer("per_page", name: "Per page") ?? PageRequest.defaultSize
        let type = reader.enumeration("event_type", ActivityType.self, name: "Event type")
        let start = reader.date("start_date", name: "Start date")
        var end = reader.date("end_date", name: "End date")
        // A bare end date (`2024-11-30`) takes in the whole of that day.
        if let day = end, CivilDate(iso8601: parameters["end_date"]?.trimmingWhitespace ?? "") != nil {
            end = Timestamp(milliseconds: day.milliseconds + 86_400_000 - 1)
        }
        self.init(page: PageRequest(page: page, size: size), eventType: type, startDate: start, endDate: end)
        try reader.finish(extra: self.page.validationMessages(sizeName: "per_page"))
    }
}
