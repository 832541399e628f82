import ArgumentParser

/// `ecm-server patients add|update|import`: the caseload, and plans' member files.
struct PatientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Manage the caseload: add and change members, import a member file.",
        subcommands: [Add.self, Update.self, Import.self])
}
