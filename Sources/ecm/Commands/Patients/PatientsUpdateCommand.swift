import ArgumentParser
import ECMCommandOptions
import ECMDomain

extension PatientsCommand {
    /// `ecm patients update ID --phone …`: only what is named changes; an empty value clears.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change some of a member's fields; an empty value clears a field.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The patient's id.") var id: Int64
        @OptionGroup(title: "Fields") var fields: PatientFieldOptions

        func run() async throws {
            let patient = try await reportingErrors(json: output.json) { () throws(BackendError) in
                let change = try fields.change(updating: true)
                return try await backend.backend().updatePatient(id: id, change)
            }
            output.json ? Output.json(PatientBody(patient)) : Output.line(PatientText.detail(patient))
        }
    }
}
