import ArgumentParser
import ECMCommandOptions
import ECMDomain
import Foundation

extension PatientsCommand {
    /// Adds every member of a plan's member file, or none.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the members of a CSV member file: every row checked first, then all written in one transaction, or none.",
            discussion: """
                The header row names the columns: name (or first_name and last_name), date_of_birth (or DOB) and the \
                member record's fields by key or name (cin, phone, "ECM status", enrollment_start…); case, spaces and \
                underscores do not matter. Dates are YYYY-MM-DD or MM-DD-YYYY, flags Y/N. Every row is a new member: \
                a CIN the clinic already has, or one given twice in the file, is that row's error. Each error is \
                printed as 'row N: message', N counting the header as row 1; then nothing is written and the exit \
                status is 1.
                """)

        @OptionGroup var database: DatabaseOption
        @Option(help: "The clinic the members join.") var clinic: Int64 = 1
        @Argument(help: ArgumentHelp("The member file (RFC 4180 CSV, UTF-8).", valueName: "file.csv")) var file: String

        func run() async throws {
            guard let bytes = FileManager.default.contents(atPath: file) else { fail("cannot read \(file)") }
            let store = try await database.open()
            let bar = ProgressBar()
            let started = ContinuousClock.now
            let patients = try await reportingErrors { () async throws(BackendError) -> [Patient] in
                defer { bar.finish() }
                do throws(BackendError) {
                    let writes = try MemberFile(bytes, clinicID: clinic, today: .today()).writes
                    if writes.isEmpty { throw .validation(["The file has no rows after its header"]) }
                    return try await store.writePatients(writes, source: "ecm-server patients import") { stage, done, total in
                        if done == total || done % max(1, total / 200) == 0 { bar.show(done, total, label: stage.rawValue) }
                    }
                } catch .validation(let messages) {
                    throw .validation(messages + ["nothing imported"])
                }
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            printLine("imported \(patients.count) patient\(patients.count == 1 ? "" : "s") into clinic \(clinic) in \(String(format: "%.1f", Double(milliseconds) / 1000)) s")
        }
    }
}
