import ArgumentParser

/// The root command: `ecm-server <command>`.
@main
struct ECMServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecm-server",
        abstract: "Serve the ECM Activities API over HTTP from one SQLite file.",
        discussion: """
            Every command takes --db PATH (env ECM_SERVER_DB; default
            $XDG_DATA_HOME/ecm/server.sqlite, i.e. ~/.local/share/ecm/server.sqlite).

            Set-up on a new server:
              ecm-server migrate
              ecm-server users add --name "Maria Hernández"     # prints a token, once
              ecm-server patients add --name "José Núñez" --dob 1950-03-14
              ecm-server serve --host 0.0.0.0 --port 8080

            Put TLS in front of it (a reverse proxy) for anything beyond loopback: the `ecm`
            client refuses plain http to other hosts.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UsersCommand.self, PatientsCommand.self, DemoDataCommand.self,
            CopyCommand.self,
        ]
    )
}
