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

    func run() async throws {
        let page = try await reportingErrors(json: output.json) { () throws(BackendError) in
            var query = try filters.query()
            if filters.status == nil { query.status = .created }
            return try await backend.backend().queue(query)
        }
        printActivities(page, json: output.json, showPatient: true)
    }
}
