import ArgumentParser

/// `ecm patients add|update|list|show`: the caseload and each member's record.
struct PatientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Manage the caseload and members' records.",
        subcommands: [Add.self, Update.self, List.self, Show.self])
}

/// The parameters that were given, for the domain's query parsers.
func compact(_ parameters: [String: String?]) -> [String: String] {
    parameters.compactMapValues { $0 }
}
