import ArgumentParser

/// `ecm report prtf|list|download`: the reports a plan asks a clinic for, made and kept.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Make the reports a plan asks for (PRTF).", subcommands: [PRTFReportCommand.self, ReportListCommand.self, ReportDownloadCommand.self])
}
