import ArgumentParser
import ECMDomain

/// `ecm report download ID [--output FILE]`: a kept PRTF report's file again, as it was made.
struct ReportDownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download", abstract: "Write a kept PRTF report's file again (audited as an export).")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: "The report's id (ecm report list).") var id: String
    @Option(name: .customLong("output"), help: ArgumentHelp("Where to write the file (default: its PRTF name here).", valueName: "file"))
    var outputFile: String?

    func run() async throws {
        let (report, path) = try await reportingErrors(json: output.json) { () async throws(BackendError) in
            guard let id = Int64(id), id > 0 else { throw .reportNotFound }
            let source = try await ReportSource.open(backend)
            let report = try await source.report(id: id)
            return (report, try await source.download(report, to: ReportSource.destination(outputFile, filename: report.filename), source: "ecm report download"))
        }
        if output.json { return Output.json(PRTFReportBody(report)) }
        Output.line("Wrote \(path): \(report.patientCount) member\(report.patientCount == 1 ? "" : "s"), made \(Formatting.when(report.createdAt))")
    }
}
