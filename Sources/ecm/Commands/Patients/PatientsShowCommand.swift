import ArgumentParser
import ECMDomain

extension PatientsCommand {
    /// `ecm patients show ID`: the patient with their member record.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one patient with their member record.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Argument(help: "The patient's id.") var id: Int64

        func run() async throws {
            let patient = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().patient(id: id)
            }
            output.json ? Output.json(PatientBody(patient)) : Output.line(PatientText.detail(patient))
        }
    }
}
