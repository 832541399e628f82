import ArgumentParser
import ECMCommandOptions
import ECMDomain

extension PatientsCommand {
    /// `ecm patients add --name NAME [--dob DATE] [--cin …]`: prints the new patient's id.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a member of the acting user's clinic with their record; prints the new id.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup(title: "Fields") var fields: PatientFieldOptions

        func run() async throws {
            let patient = try await reportingErrors(json: output.json) { () throws(BackendError) in
                let change = try fields.change(updating: false)
                return try await backend.backend().createPatient(change)
            }
            output.json ? Output.json(PatientBody(patient)) : Output.line(String(patient.id))
        }
    }
}
