import ArgumentParser
import ECMDomain

/// `ecm patients add|list|show`: the caseload.
struct PatientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Manage the caseload.", subcommands: [Add.self, List.self, Show.self])

    /// `ecm patients add --name NAME [--dob YYYY-MM-DD]`: prints the new patient's id.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient; prints the new id.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The patient's full name.") var name: String
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD")) var dob: String?

        func run() async throws {
            let patient = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try backend.openStore().addPatient(name: name, dateOfBirth: dob)
            }
            output.json ? Output.json(PatientBody(patient)) : Output.line(String(patient.id))
        }
    }

    /// `ecm patients list [--search Q] [--sort name|recent_activity] [--page N] [--per-page N]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List patients, a page at a time.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only names containing this (case and accents ignored).") var search: String?
        @Option(help: "name or recent_activity.") var sort: String?
        @Option(help: "Page number (from 1).") var page: String?
        @Option(help: "Patients per page (max 100).") var perPage: String?

        func run() async throws {
            let result = try await reportingErrors(json: output.json) { () throws(BackendError) in
                let query = try PatientQuery(parameters: compact([
                    "search": search, "sort": sort, "page": page, "per_page": perPage,
                ]))
                return try await backend.backend().patients(query)
            }
            if output.json { return Output.json(PatientsBody(result)) }
            var table = TextTable("ID", "DATE OF BIRTH", "OPEN", "LAST ACTIVITY", "NAME")
            for patient in result.items {
                table.add(
                    String(patient.id), patient.dateOfBirth?.iso8601 ?? "-", String(patient.openActivitiesCount),
                    patient.lastActivityAt.map(Formatting.when) ?? "-", patient.name)
            }
            Output.line(table.render())
            Output.line(Formatting.footer(result.pagination, noun: "patients"))
        }
    }

    /// `ecm patients show ID`.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one patient.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The patient's id.") var id: Int64

        func run() async throws {
            let patient = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().patient(id: id)
            }
            if output.json { return Output.json(PatientBody(patient)) }
            Output.line("Patient \(patient.id): \(TerminalSafe.line(patient.name))")
            Output.line("Date of birth: \(patient.dateOfBirth?.iso8601 ?? "-")")
            Output.line("Open activities: \(patient.openActivitiesCount)")
            Output.line("Last activity: \(patient.lastActivityAt.map(Formatting.when) ?? "-")")
        }
    }
}

/// The parameters that were given, for the domain's query parsers.
func compact(_ parameters: [String: String?]) -> [String: String] {
    parameters.compactMapValues { $0 }
}
