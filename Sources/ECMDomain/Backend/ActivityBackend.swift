/// The one seam between the user interfaces and where activities live: the embedded SQLite
/// store and the REST API client both implement it, and the same conformance suite tests both.
///
/// Designed for a remote, paged, failing backend: every call is `async throws(BackendError)`,
/// every list is a page, and the acting user is fixed when the backend is made, so no caller
/// can act as someone else (`performed_by` is always that user).
public protocol ActivityBackend: Sendable {
    /// Where the data lives, for the status line: a store path or a server URL.
    var location: String { get }

    /// The acting user.
    func currentUser() async throws(BackendError) -> User
    /// What the store's operator decided for everyone (whether the idle lock may be off).
    func policy() async throws(BackendError) -> StorePolicy
    /// The care team, by name, for assignee pickers; `search` ignores case and accents.
    func users(search: String?) async throws(BackendError) -> [User]

    func patients(_ query: PatientQuery) async throws(BackendError) -> Page<Patient>
    func patient(id: Int64) async throws(BackendError) -> Patient

    /// A patient's activities, newest first (occurred_at, then id).
    func activities(patientID: Int64, query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary>
    /// Activities assigned to a user (the acting user when the query names none) across all
    /// patients, oldest first: a work queue.
    func queue(_ query: ActivityQuery) async throws(BackendError) -> Page<ActivitySummary>

    func activity(patientID: Int64, id: Int64) async throws(BackendError) -> ActivityDetail
    func createActivity(patientID: Int64, input: ActivityInput) async throws(BackendError) -> ActivityDetail
    /// A partial update. With `ifRevision`, fails with `.conflict` when the activity changed since.
    func updateActivity(patientID: Int64, id: Int64, input: ActivityInput, ifRevision: Int64?)
        async throws(BackendError) -> ActivityDetail
    /// Deletes the activity with its comments, subtasks and event.
    func deleteActivity(patientID: Int64, id: Int64, ifRevision: Int64?) async throws(BackendError)

    /// An activity's comments, oldest first.
    func comments(patientID: Int64, activityID: Int64, page: PageRequest) async throws(BackendError) -> Page<Comment>
    func addComment(patientID: Int64, activityID: Int64, body: String) async throws(BackendError) -> Comment

    /// A patient's events, newest first.
    func events(patientID: Int64, query: EventQuery) async throws(BackendError) -> Page<Event>

    /// Email activities' deliveries, newest first, optionally of one status (an extension).
    func emailDeliveries(_ query: EmailDeliveryQuery) async throws(BackendError) -> Page<EmailDeliveryItem>
    /// Tries a failed email again now, its tries counted afresh. `.activityNotFound` when the
    /// activity is no email with a delivery; `.validation` when its delivery has not failed.
    func retryEmail(activityID: Int64) async throws(BackendError) -> EmailDeliveryItem

    /// Saved views (extension `/v1/clinic/views`): the acting user's and those shared in their
    /// clinic, by name. Another user's unshared view, or another clinic's, is `.viewNotFound`.
    func views(page: PageRequest) async throws(BackendError) -> Page<SavedView>
    /// A view of the acting user's (`change.name` required; a name they already use is refused).
    func createView(_ change: ViewChange) async throws(BackendError) -> SavedView
    /// Changes one of the acting user's views; someone else's shared view is `.forbidden`.
    func updateView(id: Int64, _ change: ViewChange) async throws(BackendError) -> SavedView
    func deleteView(id: Int64) async throws(BackendError)

    /// Extension `POST /v1/clinic/ecm/patients`: a member of the acting user's clinic, with
    /// their record (`PatientChange`; a name is required).
    func createPatient(_ change: PatientChange) async throws(BackendError) -> Patient
    /// Extension `PUT /v1/clinic/ecm/patients/{id}`: what the change names changes, the rest
    /// stays; another clinic's patient is `.patientNotFound`.
    func updatePatient(id: Int64, _ change: PatientChange) async throws(BackendError) -> Patient

    /// When the acting user last looked at their queue (extension `/v1/clinic/queue_seen`).
    func queueSeen() async throws(BackendError) -> QueueSeen
    /// They look now: kept as their last look, answered with the one before.
    func markQueueSeen() async throws(BackendError) -> QueueSeen
}

extension BackendError {
    /// A retry of an email that has not failed.
    public static let onlyFailedEmailsRetry = BackendError.validation(["Only a failed email can be tried again"])
}
