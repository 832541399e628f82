import ArgumentParser
import ECMDomain

extension PatientsCommand {
    /// `ecm patients list [--search Q] [--sort name|recent_activity] [--page N] [--per-page N]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List patients, a page at a time.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Words that must all match: name words (any order, accents ignored), a date of birth, a patient id, a CIN or its end (567a), a phone or its end (555-0134).") var search: String?
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
            // What tells namesakes apart comes before the name: date of birth, CIN and ECM status.
            var table = TextTable("ID", "DATE OF BIRTH", "CIN", "STATUS", "OPEN", "LAST ACTIVITY", "NAME")
            for patient in result.items {
                table.add(
                    String(patient.id), patient.dateOfBirth?.iso8601 ?? "-", patient.member.cin ?? "-",
                    patient.member.ecmStatus?.rawValue ?? "-", String(patient.openActivitiesCount),
                    patient.lastActivityAt.map(Formatting.when) ?? "-", patient.name)
            }
            Output.line(table.render())
            Output.line(Formatting.footer(result.pagination, noun: "patients"))
        }
    }
}
