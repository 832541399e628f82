import ECMDomain
import ECMMail
import ECMRESTClient
import ECMStore
import ECMTerminal
import ECMTUI
import Foundation
import Logging

/// Opening the full-screen UI: `ecm` with no command.
enum TerminalUI {
    static func run(backendOptions: BackendOptions, mail: MailOptions, demo: Bool, refresh: Int, idleLockSeconds: Int) async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            Output.standardError("ecm: the terminal UI needs a terminal (stdin and stdout must be a TTY); the commands work anywhere: ecm --help")
            throw ExitStatus.usage.exitCode
        }
        var options = backendOptions
        if demo {
            options.store = try await prepareDemoStore()
        }
        let backend = try await reportingErrors(json: false) { () throws(BackendError) in try options.backend() }
        if idleLockSeconds == 0 {
            let policy = try await reportingErrors(json: false) { () async throws(BackendError) in try await backend.policy() }
            guard policy.idleLockOptional else {
                Output.standardError("ecm: --idle-lock 0: \(StorePolicy.idleLockRequiredMessage)")
                throw ExitStatus.usage.exitCode
            }
        }
        let logger = Logger(label: "ecm") { label in
            FileLogHandler(label: label).map { $0 as any LogHandler } ?? SwiftLogNoOpLogHandler()
        }
        // On a local store the UI sends its email itself while it is open; a server sends its own.
        var notice: String?
        var delivery: Task<Void, Never>?
        var emailSending = AppState.EmailSending.configured
        if let store = backend as? StoreBackend {
            let demoMail = demo ? Self.demoMailDirectory() : nil
            if let demoMail, !FileManager.default.fileExists(atPath: demoMail) {
                notice = "Demo: email is written to \(Self.shortLocation(demoMail)), not sent"
            }
            let worker: DeliveryWorker?
            do throws(MailSetupError) {
                worker = try mail.makeWorker(
                    store: store.database, fallback: demoMail.map { ("file://" + $0, "ecm demo <demo@ecm.localhost>") }, logger: logger)
            } catch {
                Output.standardError("ecm: \(error.description)")
                throw ExitStatus.usage.exitCode
            }
            if let worker { delivery = Task.detached { await worker.run() } } else { emailSending = .notConfigured }
        }
        let session = (backend as? RESTBackend).map { ServerSession(backend: $0, options: backendOptions) }
        let configuration = AppState.Configuration(
            location: Self.shortLocation(backend.location), refreshInterval: refresh, timeZone: .current, notice: notice,
            emailSending: emailSending, idleLockSeconds: idleLockSeconds == 0 ? nil : idleLockSeconds, signInAvailable: session != nil)
        let app = TerminalApp(backend: backend, configuration: configuration, driver: NcursesTerminal(), logger: logger, session: session)
        do {
            let outcome = try app.run()
            await Self.stop(delivery)
            // The SSH connection dropped: nobody is at this terminal any more.
            if outcome.hungUp, let session { await session.endSession() }
            if let message = outcome.message { Output.standardError("ecm: \(message)") }
        } catch {
            await Self.stop(delivery)
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

    /// Stops the delivery worker: the message in hand is finished (or given back) before the process ends.
    private static func stop(_ delivery: Task<Void, Never>?) async {
        guard let delivery else { return }
        delivery.cancel()
        await delivery.value
    }

    /// Where `ecm --demo` writes its email: `$XDG_STATE_HOME/ecm/demo-mail` (default `~/.local/state`).
    static func demoMailDirectory() -> String {
        let environment = ProcessInfo.processInfo.environment
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/ecm/demo-mail"
    }

    /// The store path with the home folder as `~`.
    static func shortLocation(_ location: String) -> String {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty, location.hasPrefix(home + "/") else {
            return location
        }
        return "~" + location.dropFirst(home.count)
    }
}

/// The UI's session over a server: signing in again keeps the new token in the credentials file
/// and sends it from then on; ending drops it on the server and here.
struct ServerSession: SessionControl {
    let backend: RESTBackend
    let options: BackendOptions

    func signIn(login: String, password: String) async throws(BackendError) -> User {
        let grant = try await RESTBackend.signIn(try options.serverConfiguration(token: ""), login: login, password: password)
        try Credentials.save(token: grant.token)
        backend.useToken(grant.token)
        return grant.account.user
    }

    /// The credentials file goes with a session; an API token there (422 from the server) is
    /// IT's to revoke, and stays in the file, though this UI forgets it until someone signs in.
    func endSession() async {
        do throws(BackendError) {
            try await backend.signOut()
            Credentials.remove()
        } catch .validation {
        } catch {
            Credentials.remove()
        }
        backend.useToken("")
    }
}
