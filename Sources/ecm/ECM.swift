import ArgumentParser
import Foundation
import ECMMail

/// The root command: `ecm <command>`.
struct ECM: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecm",
        abstract: "Triage and record the work of Enhanced Care Management: tasks, notes, SMS, calls, emails and visits.",
        discussion: """
            With no command, ecm opens the full-screen terminal UI (keyboard only). `ecm --demo` opens it on demo data.

            In the UI: j/k or arrows move, g/G first/last, PgUp/PgDn and Ctrl-U/Ctrl-D page, Enter opens, Esc goes back, Tab/Shift-Tab, h/l and 1-5 change pane; / searches patients, o sorts, m shows my queue, f filters the timeline; n new, e edit, a assign, x complete/reopen, X cancel, D delete, c comment, s subtask; r refreshes, : runs a command (Tab completes), ? shows the keys of the pane, q quits.

            Data lives in an embedded SQLite store (the default, nothing to set up), or on an ecm-server: with --server URL (or ECM_SERVER) every command and the UI talk to it, as the user its token belongs to.

            ENVIRONMENT
              ECM_STORE   the store file (default $XDG_DATA_HOME/ecm/ecm.sqlite,
                          i.e. ~/.local/share/ecm/ecm.sqlite)
              ECM_USER    the acting user's id (default: the store's first user)
              ECM_SERVER  an ecm-server URL (https, or http on this machine)
              ECM_TOKEN   the API token for the server (else the first line of
                          ~/.config/ecm/credentials, which must be mode 600;
                          `ecm login` writes a session token there)
              ECM_CA_FILE PEM certificates to trust for the server (a private CA)
              ECM_IDLE_LOCK  minutes without a key before the UI locks (default 15;
                          0: off, where the store's policy allows it)
              NO_COLOR    any value: no colours in the UI (bold and reverse only)
              EDITOR      for Ctrl-E in the UI (VISUAL first; default vi)

            Times: a time typed without an offset (--booked-at "2026-12-08 14:00", or in a form) is your local time, in the zone TZ names; with Z or an offset (2026-12-08T22:00:00Z) it is exact. Times shown to people are local and name their zone (2026-12-08 14:00 PST). --json and the API always carry UTC ISO 8601.

            Status words are the API's everywhere, in the UI, the CLI and the API: created (open work), complete, cancelled.

            Patient search takes words in any order ("nunez jesus"), a date of birth (1961-07-04 or 7/4/1961), a patient id, a Medi-Cal CIN or its end with the letter (567a), or the end of a phone (555-0134, "(415) 555-0134", or 4 digits or more); accents and case are ignored.

            The UI logs to $XDG_STATE_HOME/ecm/ecm.log (~/.local/state/ecm/ecm.log), never to the screen.

            Output is a readable table on a terminal; with --json exactly the API's response body. Errors are one line per message on stderr, or with --json the API's {"errors": [...]} on stdout.

            EXIT STATUS
              0 ok   1 validation failed   2 usage   3 not found
              4 unauthorized   5 unavailable (no store, unusable file, unreachable server)
              6 conflict (changed by someone else)
            """,
        subcommands: [
            InitCommand.self, DemoDataCommand.self, UsersCommand.self, PatientsCommand.self,
            ActivitiesCommand.self, CommentsCommand.self, QueueCommand.self, ReportCommand.self, MailCommand.self, AuditCommand.self, PolicyCommand.self,
            LoginCommand.self, LogoutCommand.self,
        ]
    )

    @OptionGroup var backend: BackendOptions
    @OptionGroup(title: "Email (the UI on a local store sends it while open)") var mail: MailOptions

    @Flag(help: "Open the UI on a demo store (~/.local/share/ecm/demo.sqlite, filled on first use).")
    var demo = false

    @Option(help: ArgumentHelp("Seconds between re-reads of what is on screen.", valueName: "seconds"))
    var refresh = 10

    @Option(
        help: ArgumentHelp(
            "Lock the UI after this long without a key: minutes (15), or with a unit (90s, 30m); 10s to 60m, or 0 (off) where the store's policy allows it (env ECM_IDLE_LOCK). Over a server you sign in again; a local store's UI ends.",
            valueName: "minutes"))
    var idleLock: String?

    /// The idle lock in seconds: `--idle-lock`, else `ECM_IDLE_LOCK`, else 15 minutes; 0 asks
    /// for none (allowed only by the store's policy, checked when the UI opens).
    var idleLockSeconds: Int {
        get throws {
            let text = idleLock ?? ProcessInfo.processInfo.environment["ECM_IDLE_LOCK"].flatMap { $0.isEmpty ? nil : $0 } ?? "15"
            guard let seconds = Self.seconds(text) else {
                throw ValidationError("--idle-lock: write minutes (15) or a duration (90s, 30m)")
            }
            guard seconds == 0 || (10...3600).contains(seconds) else {
                throw ValidationError("--idle-lock must be between 10s and 60m, or 0 (off) where the store's policy allows it")
            }
            return seconds
        }
    }

    static func seconds(_ text: String) -> Int? {
        if let minutes = Int(text) { return minutes * 60 }
        if text.hasSuffix("s"), let value = Int(text.dropLast()) { return value }
        if text.hasSuffix("m"), let value = Int(text.dropLast()) { return value * 60 }
        return nil
    }

    func validate() throws {
        guard refresh >= 1 else { throw ValidationError("--refresh must be at least 1 second") }
        _ = try idleLockSeconds
    }

    /// With no command: the full-screen UI.
    func run() async throws {
        try await TerminalUI.run(backendOptions: backend, mail: mail, demo: demo, refresh: refresh, idleLockSeconds: try idleLockSeconds)
    }
}
