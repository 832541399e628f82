import ArgumentParser
import ECMCommandOptions
import ECMDomain
import ECMRESTClient
import ECMStore
import Foundation

/// `ecm report prtf --from DATE --to DATE [--npi NPI] [--provider-name NAME] [--provider-phone PHONE] [--output FILE]`.
struct PRTFReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prtf", abstract: "Write the PRTF report (the plan's member-level CSV) for a period.",
        discussion: """
            Writes PRTF_<NPI>_<MMYYYY>_<MMDDYYYY>.csv (RFC 4180, UTF-8, mode 600) in the current directory, or FILE, whole or not at all, and says how many members it lists and which columns were empty for how many of them; --json prints the API's body instead. The README's PRTF section says where each column comes from.

            On a local store the report is made as the acting user, with days in your time zone (TZ). On a server (--server) it is made there, by an administrator's token, with days in the server's zone; both keep it and audit it.
            """)

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("The period's first day.", valueName: "YYYY-MM-DD")) var from: String
    @Option(help: ArgumentHelp("The period's last day (at most 366 days after --from).", valueName: "YYYY-MM-DD")) var to: String
    @Option(help: "The provider's NPI (10 digits): in the report's columns and file name.") var npi: String?
    @Option(help: "The provider's name, for its column.") var providerName: String?
    @Option(help: "The provider's phone, for its column.") var providerPhone: String?
    @Option(name: .customLong("output"), help: ArgumentHelp("Where to write the file (default: its PRTF name here).", valueName: "file"))
    var outputFile: String?

    func run() async throws {
        let (report, path) = try await reportingErrors(json: output.json) { () async throws(BackendError) in
            let request = try PRTFRequest(json: compact([
                "start_date": from, "end_date": to, "provider_npi": npi, "provider_name": providerName, "provider_phone": providerPhone,
            ]).mapValues { JSONValue.string($0) })
            let source = try await ReportSource.open(backend)
            let report = try await make(request, in: source)
            return (report, try await source.download(report, to: ReportSource.destination(outputFile, filename: report.filename), source: "ecm report prtf"))
        }
        if output.json { return Output.json(PRTFReportBody(report, message: PRTFReportBody.generatedMessage)) }
        Output.line(
            "Wrote \(path): \(report.patientCount) member\(report.patientCount == 1 ? "" : "s"), "
                + "\(report.request.startDate.iso8601) to \(report.request.endDate.iso8601) (days in \(report.timeZone))")
        let empty = PRTFColumn.prtf.compactMap { column in report.emptyColumns[column.header].map { (column.header, $0) } }
        guard !empty.isEmpty else { return Output.line("Every column has a value for every member.") }
        Output.line("Empty columns (members without a value, of \(report.patientCount)):")
        var table = TextTable("COLUMN", "EMPTY")
        for (header, count) in empty { table.add(header, String(count)) }
        Output.line(table.render())
    }

    /// Made and kept on the server, or in the local store with a progress bar on a terminal.
    private func make(_ request: PRTFRequest, in source: ReportSource) async throws(BackendError) -> PRTFReport {
        switch source {
        case .server(let server):
            return try await server.generatePRTFReport(request)
        case .local(let database, let userID, let clinicID):
            let bar = ProgressBar()
            defer { bar.finish() }
            return try await database.generatePRTFReport(
                request, clinicID: clinicID, createdBy: userID, zone: .current,
                audit: { id in
                    AuditTarget(.create, "prtf_report", resourceID: id)
                        .entry(userID: userID, clinicID: clinicID, context: AuditContext(remoteAddress: "ecm report prtf"))
                },
                progress: { done, total in bar.show(done, total, unit: "patients") })
        }
    }
}
