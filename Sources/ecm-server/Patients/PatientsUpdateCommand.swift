import ArgumentParser
import ECMCommandOptions
import ECMDomain

extension PatientsCommand {
    /// Changes what is named of a member's record, in whichever clinic.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change some of a patient's fields; an empty value clears a field.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The patient's id.") var id: Int64
        @OptionGroup(title: "Fields") var fields: PatientFieldOptions

        func run() async throws {
            let store = try await database.open()
            _ = try await reportingErrors { () async throws(BackendError) in
                let write = PatientWrite(.update(id: id), try fields.change(updating: true))
                return try await store.writePatients([write], source: "ecm-server patients update") { _, _, _ in }
            }
            printLine("patient \(id) updated")
        }
    }
}
