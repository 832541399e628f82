import ArgumentParser
import ECMDomain
import ECMStore

/// `ecm activities list|show|create|update|delete`.
struct ActivitiesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activities", abstract: "List, show, create, update and delete a patient's activities.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Delete.self])
}

/// `--patient ID`.
struct PatientOption: ParsableArguments {
    @Option(help: ArgumentHelp("The patient's id.", valueName: "patient-id")) var patient: Int64
}

/// The list filters the API takes, as flags.
struct ActivityFilterOptions: ParsableArguments {
    @Option(name: .customLong("type"), help: "Only this activity type.") var activityType: ActivityType?
    @Option(help: "Only this status.") var status: ActivityStatus?
    @Option(help: ArgumentHelp("Only activities assigned to this user id.", valueName: "user-id")) var assignedTo: String?
    @Option(help: ArgumentHelp("Only activities due before this time (local unless it has Z or an offset).", valueName: "time"))
    var dueBefore: String?
    @Option(help: ArgumentHelp("Only activities due at or after this time.", valueName: "time")) var dueAfter: String?
    @Flag(help: "Only open activities past their due time (an appointment is due when booked).") var overdue = false
    @Option(help: ArgumentHelp("newest, oldest or due (soonest due first, then the rest oldest first).", valueName: "order"))
    var order: String?
    @Option(help: "Page number (from 1).") var page: String?
    @Option(help: "Activities per page (default 25, max 100).") var pageSize: String?

    func query() throws(BackendError) -> ActivityQuery {
        try ActivityQuery(parameters: compact([
            "activity_type": activityType?.rawValue, "status": status?.rawValue, "assigned_to_id": assignedTo,
            "page": page, "page_size": pageSize, "due_before": dueBefore.map(ActivityFieldOptions.utc),
            "due_after": dueAfter.map(ActivityFieldOptions.utc), "overdue": overdue ? "true" : nil, "order": order,
        ]))
    }
}

/// Prints a page of activities as the API's body or as a table.
func printActivities(_ page: Page<ActivitySummary>, json: Bool, showPatient: Bool = false) {
    if json { return Output.json(ActivitiesBody(page)) }
    var table = TextTable("ID", "TYPE", "STATUS", "OCCURRED", "DUE", "ASSIGNED TO", "SUBTASKS", "COMMENTS", showPatient ? "PATIENT · WHAT" : "WHAT")
    for item in page.items {
        let what = (showPatient ? item.patientName + " · " : "") + (item.blocked ? "[blocked] " : "") + item.headline
        table.add(
            String(item.id), item.activityType.label, item.status.rawValue, Formatting.when(item.occurredAt),
            item.due.map(Formatting.when) ?? "-", item.assignedToName ?? "-", Formatting.progress(item),
            item.commentsCount > 0 ? String(item.commentsCount) : "", what)
    }
    Output.line(table.render())
    Output.line(Formatting.footer(page.pagination, noun: "activities"))
}

extension ActivitiesCommand {
    /// `ecm activities list --patient ID [filters]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a patient's activities, newest first.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var patient: PatientOption
        @OptionGroup var filters: ActivityFilterOptions

        func run() async throws {
            let page = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().activities(patientID: patient.patient, query: try filters.query())
            }
            printActivities(page, json: output.json)
        }
    }

    /// `ecm activities show --patient ID ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an activity with its comments, subtasks and event.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var patient: PatientOption
        @Argument(help: "The activity's id.") var id: Int64

        func run() async throws {
            let detail = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().activity(patientID: patient.patient, id: id)
            }
            output.json ? Output.json(ActivityBody(detail)) : Output.line(ActivityText.detail(detail))
        }
    }

    /// `ecm activities create --patient ID` with flags or a request body on stdin.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an activity from flags, or from a request body {\"activity\": {...}} on stdin.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var patient: PatientOption
        @OptionGroup var fields: ActivityFieldOptions

        func run() async throws {
            let (detail, local) = try await reportingErrors(json: output.json) { () throws(BackendError) in
                let input = try fields.input()
                let backend = try backend.backend()
                return (try await backend.createActivity(patientID: patient.patient, input: input), backend is StoreBackend)
            }
            output.json ? Output.json(ActivityBody(detail)) : Output.line(String(detail.id))
            // A server sends its own email; a local store's waits for the UI or `ecm mail deliver`.
            if local, detail.emailDelivery?.status == .pending {
                Output.standardError("ecm: email \(detail.id) is pending: a local store sends email while the ecm UI is open with --mail-transport, or when ecm mail deliver runs")
            }
        }
    }

    /// `ecm activities update --patient ID ID` with the fields to change.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change some of an activity's fields (flags, or a request body on stdin); an empty value clears a field.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var patient: PatientOption
        @Argument(help: "The activity's id.") var id: Int64
        @OptionGroup var fields: ActivityFieldOptions

        func run() async throws {
            let detail = try await reportingErrors(json: output.json) { () throws(BackendError) in
                let input = try fields.input()
                return try await backend.backend().updateActivity(
                    patientID: patient.patient, id: id, input: input, ifRevision: nil)
            }
            output.json ? Output.json(ActivityBody(detail)) : Output.line(ActivityText.detail(detail))
        }
    }

    /// `ecm activities delete --patient ID ID`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an activity with its comments, subtasks and event.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var patient: PatientOption
        @Argument(help: "The activity's id.") var id: Int64

        func run() async throws {
            try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().deleteActivity(patientID: patient.patient, id: id, ifRevision: nil)
            }
            // The API answers 204 with no body; the CLI says nothing either.
        }
    }
}
