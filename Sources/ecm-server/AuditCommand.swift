import ArgumentParser
import ECMAuth
import ECMDomain
import Foundation

/// `ecm-server audit verify|export`: the audit trail's integrity, and who saw or changed a member's record.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit trail's hash chain, or export a member's audit rows.",
        subcommands: [Verify.self, Export.self])

    /// Recomputes the chain; exits 1 naming the first row that does not follow.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit trail's hash chain; exit 1 naming the first broken row.")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let store = try await database.open()
            let (broken, checked) = try await reportingErrors { () async throws(BackendError) in
                try await AuditChain.firstBrokenRow(in: store)
            }
            if let broken {
                FileHandle.standardError.write(Data("ecm-server: the audit trail is broken at row \(broken) (\(checked) rows before it are intact)\n".utf8))
                throw ExitCode(1)
            }
            printLine("audit trail intact: \(checked) rows")
        }
    }

    /// Who saw or changed a member's record, oldest first; the export is itself audited.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print who saw or changed a member's record (CSV or JSON), oldest first; the export is audited.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The member's patient id.") var patient: Int64
        @Option(help: ArgumentHelp("From this date or time on (ISO 8601).", valueName: "date")) var from: String?
        @Option(help: ArgumentHelp("Before this date or time (ISO 8601).", valueName: "date")) var to: String?
        @Option(help: "csv or json.") var format: String = "csv"

        func validate() throws {
            guard ["csv", "json"].contains(format) else { throw ValidationError("--format must be csv or json") }
            if let from, Timestamp(iso8601: from) == nil { throw ValidationError("--from: write a date such as 2026-12-01") }
            if let to, Timestamp(iso8601: to) == nil { throw ValidationError("--to: write a date such as 2026-12-31") }
        }

        func run() async throws {
            let store = try await database.open()
            try await reportingErrors { () async throws(BackendError) in
                try await AuditExport.write(
                    store, patientID: patient, from: from.flatMap(Timestamp.init(iso8601:)), to: to.flatMap(Timestamp.init(iso8601:)),
                    format: AuditExport.Format(rawValue: format) ?? .csv,
                    exportedBy: AuditExport.entry(patientID: patient, userID: nil, source: "ecm-server audit export"), line: printLine)
            }
        }
    }
}
