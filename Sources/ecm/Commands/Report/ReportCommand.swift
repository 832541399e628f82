import ArgumentParser

/// `ecm report prtf`: the reports a plan asks a clinic for.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Make the reports a plan asks for (PRTF).", subcommands: [PRTFReportCommand.self])
}
