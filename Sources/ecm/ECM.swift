import ArgumentParser

/// The root command: `ecm <command>`.
struct ECM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecm",
        abstract: "Triage and record the work of Enhanced Care Management: tasks, notes, SMS, calls, emails and visits.",
        discussion: """
            Data lives in an embedded SQLite store (the default, nothing to set up), or on an
            ecm-server.

            With --server URL (or ECM_SERVER) every command talks to an ecm-server instead,
            as the user its token belongs to.

            ENVIRONMENT
              ECM_STORE   the store file (default $XDG_DATA_HOME/ecm/ecm.sqlite,
                          i.e. ~/.local/share/ecm/ecm.sqlite)
              ECM_USER    the acting user's id (default: the store's first user)
              ECM_SERVER  an ecm-server URL (https, or http on this machine)
              ECM_TOKEN   the API token for the server (else the first line of
                          ~/.config/ecm/credentials, which must be mode 600)

            OUTPUT
              A readable table on a terminal; with --json exactly the API's response body.
              Errors: one line per message on stderr, or with --json the API's
              {"errors": [...]} on stdout.

            EXIT STATUS
              0 ok   1 validation failed   2 usage   3 not found
              4 unauthorized   5 unavailable (no store, unusable file, unreachable server)
              6 conflict (changed by someone else)
            """,
        subcommands: [
            InitCommand.self, DemoDataCommand.self, UsersCommand.self, PatientsCommand.self,
            ActivitiesCommand.self, CommentsCommand.self, QueueCommand.self,
        ]
    )

    @OptionGroup var backend: BackendOptions

    func run() async throws {
        // The terminal UI opens here (a later issue); until then, show what there is.
        Output.line(ECM.helpMessage())
    }
}
