import ArgumentParser
import ECMAuth
import ECMDomain
import Foundation

/// `ecm audit verify|export`: the local store's audit trail (on a server, an administrator reads
/// it with `GET /v1/admin/audit` or `ecm-server audit`).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the local store's audit trail, or export who saw or changed a member's record.",
        subcommands: [Verify.self, Export.self])

    /// Recomputes the chain; exits 1 naming the first row that does not follow.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute the audit trail's hash chain; exit 1 naming the first broken row.")

        @OptionGroup var backend: BackendOptions

        func run() async throws {
            let (broken, checked) = try await reportingErrors(json: false) { () async throws(BackendError) in
                try await AuditChain.firstBrokenRow(in: try backend.openStore())
            }
            if let broken {
                Output.standardError("ecm: the audit trail is broken at row \(broken) (\(checked) rows before it are intact)")
                throw ExitCode(1)
            }
            Output.line("audit trail intact: \(checked) rows")
        }
    }

    /// A member's audit rows, oldest first; the export is itself audited, as the acting user.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print who saw or changed a member's record (CSV or JSON), oldest first; the export is audited.")

        @OptionGroup var backend: BackendOptions
        @Option(help: "The member's patient id.") var patient: Int64
        @Option(help: ArgumentHelp("From this date or time on (ISO 8601).", valueName: "date")) var from: String?
        @Option(help: ArgumentHelp("Before this date or time (ISO 8601).", valueName: "date")) var to: String?
        @Option(help: "csv or json.") var format: String = "csv"

        func validate() throws {
            guard AuditExport.Format(rawValue: format) != nil else { throw ValidationError("--format must be csv or json") }
            if let from, Timestamp(iso8601: from) == nil { throw ValidationError("--from: write a date such as 2026-12-01") }
            if let to, Timestamp(iso8601: to) == nil { throw ValidationError("--to: write a date such as 2026-12-31") }
        }

        func run() async throws {
            try await reportingErrors(json: false) { () async throws(BackendError) in
                let store = try backend.openStore()
                let user = try backend.actingUserID(in: store)
                try await AuditExport.write(
                    store, patientID: patient, from: from.flatMap(Timestamp.init(iso8601:)), to: to.flatMap(Timestamp.init(iso8601:)),
                    format: AuditExport.Format(rawValue: format) ?? .csv,
                    exportedBy: AuditExport.entry(patientID: patient, userID: user, source: "ecm audit export"), line: Output.line)
            }
        }
    }
}
