import ECMDomain
import Testing

struct ActivityQueryTests {
    @Test func defaults() throws {
        let query = try ActivityQuery(parameters: [:])
        #expect(query.page.page == 1)
        #expect(query.page.size == 25)
        #expect(query.activityType == nil && query.status == nil && query.assignedToID == nil)
        #expect(query == ActivityQuery())
        #expect(query.parameters.isEmpty)
        #expect(query.page.offset == 0)
    }

    @Test func emptyParametersCountAsAbsent() throws {
        let query = try ActivityQuery(parameters: ["page": "", "page_size": " ", "activity_type": "", "status": ""])
        #expect(query == ActivityQuery())
    }

    @Test func readsEveryParameter() throws {
        let query = try ActivityQuery(parameters: [
            "page": "2", "page_size": "10", "activity_type": "in_person_appointment", "assigned_to_id": "789",
            "status": "created", "unknown": "ignored",
        ])
        #expect(query.page == PageRequest(page: 2, size: 10))
        #expect(query.activityType == .inPersonAppointment)
        #expect(query.assignedToID == 789)
        #expect(query.status == .created)
        #expect(query.page.offset == 10)
        let parameters = Dictionary(uniqueKeysWithValues: query.parameters)
        #expect(parameters == [
            "page": "2", "page_size": "10", "activity_type": "in_person_appointment", "assigned_to_id": "789",
            "status": "created",
        ])
        #expect(try ActivityQuery(parameters: parameters) == query)
    }

    @Test func surroundingWhitespaceIsTrimmed() throws {
        let query = try ActivityQuery(parameters: ["page": " 3 ", "status": "complete\n"])
        #expect(query.page.page == 3)
        #expect(query.status == .complete)
    }

    @Test(arguments: [("100", 100), ("101", 100), ("10000", 100), ("1", 1), ("25", 25)])
    func pageSizeIsCappedAt100(_ text: String, _ size: Int) throws {
        #expect(try ActivityQuery(parameters: ["page_size": text]).page.size == size)
    }

    static let rejected: [([String: String], [String])] = [
        (["page": "0"], ["Page must be greater than or equal to 1"]),
        (["page": "-1"], ["Page must be greater than or equal to 1"]),
        (["page_size": "0"], ["Page size must be greater than or equal to 1"]),
        (["page_size": "-5"], ["Page size must be greater than or equal to 1"]),
        (["page": "abc"], ["Page is not a number"]),
        (["page": "1.5"], ["Page is not a number"]),
        (["page": "99999999999999999999"], ["Page is not a number"]),
        (["page_size": "lots"], ["Page size is not a number"]),
        (["activity_type": "fax"], ["Activity type is not included in the list"]),
        (["activity_type": "Task"], ["Activity type is not included in the list"]),
        (["status": "done"], ["Status is not included in the list"]),
        (["assigned_to_id": "bob"], ["Assigned to is not a number"]),
        (
            ["page": "0", "page_size": "0", "activity_type": "fax", "status": "done"],
            [
                "Activity type is not included in the list", "Status is not included in the list",
                "Page must be greater than or equal to 1", "Page size must be greater than or equal to 1",
            ]
        ),
        (["page": "abc", "status": "done"], ["Page is not a number", "Status is not included in the list"]),
    ]

    @Test(arguments: rejected)
    func invalidParametersAreValidationErrors(_ parameters: [String: String], _ messages: [String]) {
        #expect(throws: BackendError.validation(messages)) {
            try ActivityQuery(parameters: parameters)
        }
    }

    @Test(arguments: ActivityType.allCases)
    func everyTypeFilters(_ type: ActivityType) throws {
        #expect(try ActivityQuery(parameters: ["activity_type": type.rawValue]).activityType == type)
    }

    @Test(arguments: ActivityStatus.allCases)
    func everyStatusFilters(_ status: ActivityStatus) throws {
        #expect(try ActivityQuery(parameters: ["status": status.rawValue]).status == status)
    }
}

struct PaginationTests {
    @Test(arguments: [(0, 0), (1, 1), (24, 1), (25, 1), (26, 2), (50, 2), (51, 3), (65, 3), (75, 3), (76, 4)])
    func totalPages(_ count: Int, _ pages: Int) {
        let pagination = Pagination(page: 1, perPage: 25, totalCount: count)
        #expect(pagination.totalPages == pages)
        #expect(pagination.totalCount == count)
        #expect(pagination.perPage == 25)
        #expect(pagination.currentPage == 1)
        #expect(pagination.hasNextPage == (pages > 1))
    }

    @Test func theSpecExample() {
        #expect(Pagination(page: 1, perPage: 25, totalCount: 65) == Pagination(currentPage: 1, totalPages: 3, totalCount: 65, perPage: 25))
        #expect(Pagination(page: 3, perPage: 25, totalCount: 65).hasNextPage == false)
        #expect(Pagination(page: 2, perPage: 25, totalCount: 65).hasNextPage)
    }

    @Test func pageRequest() {
        #expect(PageRequest() == PageRequest(page: 1, size: 25))
        #expect(PageRequest(page: 1, size: 500).size == 100)
        #expect(PageRequest(page: 3, size: 25).offset == 50)
        #expect(PageRequest(page: Int.max, size: 100).offset > 0)
        #expect(PageRequest(page: 1, size: 1).validationMessages() == [])
        #expect(PageRequest(page: 0, size: 0).validationMessages() == [
            "Page must be greater than or equal to 1", "Page size must be greater than or equal to 1",
        ])
        #expect(PageRequest(page: 1, size: 0).validationMessages(sizeName: "per_page") == [
            "Per page must be greater than or equal to 1"
        ])
    }
}

struct PatientQueryTests {
    @Test func defaults() throws {
        let query = try PatientQuery(parameters: [:])
        #expect(query.page == PageRequest(page: 1, size: 25))
        #expect(query.search == nil)
        #expect(query.sort == .name)
        #expect(query.parameters.isEmpty)
    }

    @Test func readsPerPageSearchAndSort() throws {
        let query = try PatientQuery(parameters: [
            "page": "2", "per_page": "10", "search": "  Núñez ", "sort": "recent_activity", "page_size": "3",
        ])
        #expect(query.page == PageRequest(page: 2, size: 10))
        #expect(query.search == "Núñez")
        #expect(query.sort == .recentActivity)
        let parameters = Dictionary(uniqueKeysWithValues: query.parameters)
        #expect(parameters == ["page": "2", "per_page": "10", "search": "Núñez", "sort": "recent_activity"])
        #expect(try PatientQuery(parameters: parameters) == query)
    }

    @Test func blankSearchIsNoSearch() throws {
        #expect(try PatientQuery(parameters: ["search": " \t"]).search == nil)
    }

    @Test func perPageIsCapped() throws {
        #expect(try PatientQuery(parameters: ["per_page": "1000"]).page.size == 100)
    }

    static let rejected: [([String: String], [String])] = [
        (["per_page": "0"], ["Per page must be greater than or equal to 1"]),
        (["per_page": "x"], ["Per page is not a number"]),
        (["page": "0"], ["Page must be greater than or equal to 1"]),
        (["sort": "age"], ["Sort is not included in the list"]),
    ]

    @Test(arguments: rejected)
    func invalidParameters(_ parameters: [String: String], _ messages: [String]) {
        #expect(throws: BackendError.validation(messages)) {
            try PatientQuery(parameters: parameters)
        }
    }
}

struct EventQueryTests {
    @Test func bareEndDateCoversTheWholeDay() throws {
        let query = try EventQuery(parameters: ["start_date": "2024-11-01", "end_date": "2024-11-30"])
        #expect(query.startDate?.iso8601 == "2024-11-01T00:00:00.000Z")
        #expect(query.endDate?.iso8601 == "2024-11-30T23:59:59.999Z")
    }

    @Test func bareEndDateWithSurroundingSpaces() throws {
        let query = try EventQuery(parameters: ["end_date": " 2024-11-30 "])
        #expect(query.endDate?.iso8601 == "2024-11-30T23:59:59.999Z")
    }

    @Test func endDateWithATimeIsExact() throws {
        let query = try EventQuery(parameters: ["end_date": "2024-11-30T12:00:00Z"])
        #expect(query.endDate?.iso8601 == "2024-11-30T12:00:00.000Z")
    }

    @Test func defaultsAndFilters() throws {
        #expect(try EventQuery(parameters: [:]) == EventQuery())
        let query = try EventQuery(parameters: ["event_type": "call", "per_page": "5", "page": "2"])
        #expect(query.eventType == .call)
        #expect(query.page == PageRequest(page: 2, size: 5))
    }

    static let rejected: [([String: String], [String])] = [
        (["end_date": "2024-02-30"], ["End date is invalid"]),
        (["start_date": "yesterday"], ["Start date is invalid"]),
        (["event_type": "fax"], ["Event type is not included in the list"]),
        (["per_page": "0"], ["Per page must be greater than or equal to 1"]),
    ]

    @Test(arguments: rejected)
    func invalidParameters(_ parameters: [String: String], _ messages: [String]) {
        #expect(throws: BackendError.validation(messages)) {
            try EventQuery(parameters: parameters)
        }
    }
}

/// The queue's two parts, paged: every page size over every split of the lists gives each row
/// once, in order, and no page is longer than asked.
struct QueueSegmentsTests {
    @Test func pagesCoverBothPartsOnceInOrder() {
        for failed in 0...7 {
            for assigned in 0...9 {
                for size in 1...6 {
                    var seen: [String] = []
                    var page = 0
                    while page * size < failed + assigned + size {
                        let segments = QueueSegments(offset: page * size, size: size, failedCount: failed, assignedCount: assigned)
                        let rows = (0..<segments.failedSends.count).map { "f\(segments.failedSends.offset + $0)" }
                            + (0..<segments.assigned.count).map { "a\(segments.assigned.offset + $0)" }
                        #expect(rows.count <= size)
                        seen += rows
                        page += 1
                    }
                    let whole = (0..<failed).map { "f\($0)" } + (0..<assigned).map { "a\($0)" }
                    #expect(seen == whole, "failed \(failed), assigned \(assigned), size \(size)")
                }
            }
        }
    }

    @Test func onlyOpenWorkOfEveryTypeOrOfEmailBeginsWithFailedSends() {
        #expect(QueueSegments.includesFailedSends(ActivityQuery()))
        #expect(QueueSegments.includesFailedSends(ActivityQuery(status: .created)))
        #expect(QueueSegments.includesFailedSends(ActivityQuery(activityType: .email)))
        #expect(!QueueSegments.includesFailedSends(ActivityQuery(status: .complete)))
        #expect(!QueueSegments.includesFailedSends(ActivityQuery(status: .cancelled)))
        #expect(!QueueSegments.includesFailedSends(ActivityQuery(activityType: .task)))
    }
}
