import ECMDomain
import Foundation

/// Each `ActivityBackend` operation as its API request.
extension RESTBackend {
    static let prefix = "/v1/clinic"

    private func activityPath(_ patientID: Int64, _ id: Int64? = nil) -> String {
        "\(Self.prefix)/ecm/patients/\(patientID)/activities" + (id.map { "/\($0)" } ?? "")
    }

    public func currentUser() async throws(BackendError) -> User {
        try decode(UserBody.self, try await send(.GET, "\(Self.prefix)/me")).user
    }

    public func policy() async throws(BackendError) -> StorePolicy {
        try decode(PolicyBody.self, try await send(.GET, "\(Self.prefix)/policy")).policy
    }

    public func users(search: String?) async throws(BackendError) -> [User] {
        let query = search.map { [("search", $0)] } ?? []
        return try decode(UsersBody.self, try await send(.GET, "\(Self.prefix)/users", query: query)).users
    }

    public func patients(_ query: PatientQuery) async throws(BackendError) -> Page<Patient> {
        try decode(PatientsBody.self, try await send(.GET, "\(Self.prefix)/ecm/patients", query: query.parameters)).page
    }

    public func patient(id: Int64) async throws(BackendError) -> Patient {
        try decode(PatientBody.self, try await send(.GET, "\(Self.prefix)/ecm/patients/\(id)")).patient
    }

    public func activities(patientID: Int64, query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try decode(ActivitiesBody.self, try await send(.GET, activityPath(patientID), query: query.parameters)).page
    }

    public func queue(_ query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary> {
        try decode(ActivitiesBody.self, try await send(.GET, "\(Self.prefix)/ecm/activities", query: query.parameters)).page
    }

    public func activity(patientID: Int64, id: Int64) async throws(BackendError) -> ActivityDetail {
        try detail(try await send(.GET, activityPath(patientID, id)))
    }

    public func createActivity(patientID: Int64, input: ActivityInput) async throws(BackendError) -> ActivityDetail {
        try detail(try await send(.POST, activityPath(patientID), json: ECMJSON.encode(input.requestJSON())))
    }

    public func updateActivity(patientID: Int64, id: Int64, input: ActivityInput, ifRevision: Int64?)
        async throws(BackendError) -> ActivityDetail
    {
        try detail(try await send(.PUT, activityPath(patientID, id), json: ECMJSON.encode(input.requestJSON()), ifRevision: ifRevision))
    }

    public func deleteActivity(patientID: Int64, id: Int64, ifRevision: Int64?) async throws(BackendError) {
        _ = try await send(.DELETE, activityPath(patientID, id), ifRevision: ifRevision)
    }

    public func comments(patientID: Int64, activityID: Int64, page: PageRequest) async throws(BackendError) -> Page<Comment> {
        let query = [("page", String(page.page)), ("per_page", String(page.size))]
        return try decode(CommentsBody.self, try await send(.GET, activityPath(patientID, activityID) + "/comments", query: query)).page
    }

    public func addComment(patientID: Int64, activityID: Int64, body: String) async throws(BackendError) -> Comment {
        let json = ECMJSON.encode(CommentRequest(body: body))
        return try decode(CommentBody.self, try await send(.POST, activityPath(patientID, activityID) + "/comments", json: json)).comment
    }

    public func events(patientID: Int64, query: EventQuery) async throws(BackendError) -> Page<Event> {
        var parameters: [(String, String)] = [("page", String(query.page.page)), ("per_page", String(query.page.size))]
        if let type = query.eventType { parameters.append(("event_type", type.rawValue)) }
        if let start = query.startDate { parameters.append(("start_date", start.iso8601)) }
        if let end = query.endDate { parameters.append(("end_date", end.iso8601)) }
        return try decode(EventsBody.self, try await send(.GET, "\(Self.prefix)/ecm/patients/\(patientID)/events", query: parameters)).page
    }

    public func emailDeliveries(_ query: EmailDeliveryQuery) async throws(BackendError) -> Page<EmailDeliveryItem> {
        var parameters: [(String, String)] = [("page", String(query.page.page)), ("page_size", String(query.page.size))]
        if let status = query.status { parameters.append(("status", status.rawValue)) }
        return try decode(EmailDeliveriesBody.self, try await send(.GET, "\(Self.prefix)/ecm/email_deliveries", query: parameters)).page
    }

    public func retryEmail(activityID: Int64) async throws(BackendError) -> EmailDeliveryItem {
        try decode(EmailDeliveryBody.self, try await send(.POST, "\(Self.prefix)/ecm/email_deliveries/\(activityID)/retry")).emailDelivery
    }

    /// A detail response with its ETag's revision.
    private func detail(_ reply: Reply) throws(BackendError) -> ActivityDetail {
        var detail = try decode(ActivityBody.self, reply).activity
        detail.revision = reply.revision
        return detail
    }
}

extension RESTBackend {
    public func views(page: PageRequest) async throws(BackendError) -> Page<SavedView> {
        let query = [("page", String(page.page)), ("page_size", String(page.size))]
        return try decode(ViewsBody.self, try await send(.GET, "\(Self.prefix)/views", query: query)).page
    }

    public func createView(_ change: ViewChange) async throws(BackendError) -> SavedView {
        try decode(ViewBody.self, try await send(.POST, "\(Self.prefix)/views", json: ECMJSON.encode(change.requestJSON()))).view
    }

    public func updateView(id: Int64, _ change: ViewChange) async throws(BackendError) -> SavedView {
        try decode(ViewBody.self, try await send(.PUT, "\(Self.prefix)/views/\(id)", json: ECMJSON.encode(change.requestJSON()))).view
    }

    public func deleteView(id: Int64) async throws(BackendError) {
        _ = try await send(.DELETE, "\(Self.prefix)/views/\(id)")
    }

    public func createPatient(_ change: PatientChange) async throws(BackendError) -> Patient {
        try decode(PatientBody.self, try await send(.POST, "\(Self.prefix)/ecm/patients", json: ECMJSON.encode(change.requestJSON()))).patient
    }

    public func updatePatient(id: Int64, _ change: PatientChange) async throws(BackendError) -> Patient {
        try decode(PatientBody.self, try await send(.PUT, "\(Self.prefix)/ecm/patients/\(id)", json: ECMJSON.encode(change.requestJSON()))).patient
    }

    public func queueSeen() async throws(BackendError) -> QueueSeen {
        try decode(QueueSeenBody.self, try await send(.GET, "\(Self.prefix)/queue_seen")).seen
    }

    public func markQueueSeen() async throws(BackendError) -> QueueSeen {
        try decode(QueueSeenBody.self, try await send(.PUT, "\(Self.prefix)/queue_seen")).seen
    }
}
