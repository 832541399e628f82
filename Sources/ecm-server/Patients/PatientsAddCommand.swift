import ArgumentParser
import ECMCommandOptions
import ECMDomain

extension PatientsCommand {
    /// Adds a member to a clinic with their record; prints the new id.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient with their member record; prints the new id.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The clinic whose patient it is.") var clinic: Int64 = 1
        @OptionGroup(title: "Fields") var fields: PatientFieldOptions

        func run() async throws {
            let store = try await database.open()
            let patients = try await reportingErrors { () async throws(BackendError) in
                let write = PatientWrite(.add(clinicID: clinic), try fields.change(updating: false))
                return try await store.writePatients([write], source: "ecm-server patients add") { _, _, _ in }
            }
            for patient in patients { printLine(String(patient.id)) }
        }
    }
}
