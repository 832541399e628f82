import ECMDomain
import ECMStore
import ECMTerminal
import ECMTUI
import Foundation
import Logging

/// Opening the full-screen UI: `ecm` with no command.
enum TerminalUI {
    static func run(backendOptions: BackendOptions, demo: Bool, refresh: Int) async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Output.standardError("ecm: the terminal UI needs a terminal (stdin and stdout must be a TTY); the commands work anywhere: ecm --help")
            throw ExitStatus.usage.exitCode
        }
        var options = backendOptions
        if demo {
            options.store = try await prepareDemoStore()
        }
        let backend = try await reportingErrors(json: false) { () throws(BackendError) in try options.backend() }
        let logger = Logger(label: "ecm") { label in
            FileLogHandler(label: label).map { $0 as any LogHandler } ?? SwiftLogNoOpLogHandler()
        }
        let configuration = AppState.Configuration(location: Self.shortLocation(backend.location), refreshInterval: refresh, timeZone: .current)
        let app = TerminalApp(backend: backend, configuration: configuration, driver: NcursesTerminal(), logger: logger)
        do {
            try app.run()
        } catch {
            // The terminal has been given back by now: the message lands on a clean screen.
            logger.error("ui failed", metadata: ["error": "\(error)"])
            Output.standardError("ecm: \(error)")
            throw ExitStatus.unavailable.exitCode
        }
    }

    /// `~/.local/share/ecm/demo.sqlite`, filled with demo data the first time.
    static func prepareDemoStore() async throws -> String {
        let path = BackendOptions.dataHome(ProcessInfo.processInfo.environment) + "/ecm/demo.sqlite"
        try await reportingErrors(json: false) { () throws(BackendError) in
            let database = try AppDatabase.open(path: path, create: true)
            if try database.firstUserID() == nil {
                Output.standardError("Preparing demo data in \(path)…")
                try DemoDataGenerator(patients: 300, activitiesPerPatient: 60, seed: 1).generate(into: database)
            }
        }
        return path
    }

    /// The store path with the home folder as `~`.
    static func shortLocation(_ location: String) -> String {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, location.hasPrefix(home + "/") else {
            return location
        }
        return "~" + location.dropFirst(home.count)
    }
}
