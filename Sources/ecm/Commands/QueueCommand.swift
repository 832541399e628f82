import ArgumentParser
import ECMDomain

/// `ecm queue`: open work assigned to a user across all patients, oldest first.
struct QueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Activities assigned to a user (default: the acting user) across patients, oldest first.",
        discussion: "Shows open (created) activities unless --status says otherwise.")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var filters: ActivityFilterOptions

    /// Only what someone else gave the user since they last looked at their queue in the UI.
    @Flag(name: .customLong("new"), help: "Only what someone else gave you since you last looked at your queue (`m` in the UI); reading it is not looking.")
    var onlyNew = false

    /// Counts as looking: what is new starts again from now (as `m` does in the UI).
    @Flag(help: "Count this as looking at your queue: what is new starts again from now (as `m` does in the UI).")
    var look = false

    func run() async throws {
        let page = try await reportingErrors(json: output.json) { () throws(BackendError) in
            var query = try filters.query()
            if filters.status == nil { query.status = .created }
            let backend = try backend.backend()
            if onlyNew {
                // Never looked: nothing is new yet.
                guard let seenAt = try await backend.queueSeen().seenAt else {
                    return Page<ActivitySummary>(items: [], pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: 0))
                }
                query.assignedAfter = seenAt
            }
            let page = try await backend.queue(query)
            if look { _ = try await backend.markQueueSeen() }
            return page
        }
        printActivities(page, json: output.json, showPatient: true)
    }
}
