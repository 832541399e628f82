import ArgumentParser

/// The root command: `ecm-server <command>`.
@main
struct ECMServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecm-server",
        abstract: "Serve the ECM Activities API over HTTP from a SQLite file, or from PostgreSQL for several servers.",
        discussion: """
            Every command takes --db PATH_OR_URL (env ECM_SERVER_DB; default
            $XDG_DATA_HOME/ecm/server.sqlite, i.e. ~/.local/share/ecm/server.sqlite): a SQLite
            file, or postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require] with the password
            from --db-password-file (mode 600) or PGPASSWORD.

            Set-up on a new server:
              ecm-server migrate
              ecm-server users add --name "Maria Hernández"     # prints a token, once
              ecm-server patients add --name "José Núñez" --dob 1950-03-14
              ecm-server patients import members.csv    # a plan's member file, all rows or none
              ecm-server serve --host 0.0.0.0 --port 8080

            Several servers on one PostgreSQL database:
              ecm-server copy --from server.sqlite --to postgres://ecm@db/ecm   # move a clinic's data
              ecm-server serve --db postgres://ecm@db/ecm --db-password-file /etc/ecm/db-password

            Serve HTTPS with --tls-cert and --tls-key (or put a TLS proxy in front) for anything beyond
            loopback: the `ecm` client refuses plain http to other hosts.
            """,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, UsersCommand.self, PatientsCommand.self, DemoDataCommand.self,
            CopyCommand.self, AuditCommand.self, ClinicsCommand.self, PolicyCommand.self,
        ]
    )
}
