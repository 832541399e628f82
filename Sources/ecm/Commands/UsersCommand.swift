import ArgumentParser
import ECMDomain

/// `ecm users add|list`: the care team.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage the care team.", subcommands: [Add.self, List.self])

    /// `ecm users add --name NAME`: prints the new user's id.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user; prints the new id.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "The user's full name.") var name: String

        func run() async throws {
            let user = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try backend.openStore().addUser(name: name)
            }
            output.json ? Output.json(UserBody(user)) : Output.line(String(user.id))
        }
    }

    /// `ecm users list [--search Q]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users by name.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @Option(help: "Only names containing this (case and accents ignored).") var search: String?

        func run() async throws {
            let users = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().users(search: search)
            }
            if output.json { return Output.json(UsersBody(users)) }
            var table = TextTable("ID", "NAME")
            for user in users { table.add(String(user.id), user.name) }
            Output.line(table.render())
        }
    }
}
