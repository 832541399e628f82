import ArgumentParser
import ECMDomain

/// `ecm report list [--page N]`: the PRTF reports the clinic has made, newest first.
struct ReportListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the clinic's PRTF reports, newest first.")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Page number (from 1).") var page: String?

    func run() async throws {
        let reports = try await reportingErrors(json: output.json) { () async throws(BackendError) in
            let page = try PageRequest(parameters: compact(["page": page]))
            return try await ReportSource.open(backend).list(page)
        }
        if output.json { return Output.json(PRTFReportsBody(reports)) }
        var table = TextTable("ID", "MADE", "PERIOD", "NPI", "MEMBERS", "FILE")
        for report in reports.items {
            table.add(
                String(report.id), Formatting.when(report.createdAt),
                "\(report.request.startDate.iso8601) to \(report.request.endDate.iso8601)", report.request.providerNPI ?? "-",
                String(report.patientCount), report.filename)
        }
        Output.line(table.render())
        Output.line(Formatting.footer(reports.pagination, noun: "reports"))
    }
}
