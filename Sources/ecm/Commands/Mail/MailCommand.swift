import ArgumentParser

/// `ecm mail list|retry|deliver`: email activities' messages.
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Email activities' messages: list them, try a failed one again, deliver what is due.",
        subcommands: [MailListCommand.self, MailRetryCommand.self, MailDeliverCommand.self])
}
