import ArgumentParser
import ECMAuth
import ECMDomain
import ECMServer
import ECMStore
import Foundation

/// `ecm-server migrate`: creates or upgrades the database and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database.")

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        printLine(try await database.open().location)
    }
}

/// `ecm-server users add|list|revoke|token`: the care team and their API tokens.
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage users and their API tokens.",
        subcommands: [Add.self, List.self, SetPassword.self, Disable.self, Revoke.self, Token.self])

    /// Adds a user and prints their token alone on the last line (shown once, stored hashed).
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; prints the new token alone on the last line (shown only once).")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The user's full name.") var name: String
        @Option(help: ArgumentHelp("What they sign in with (a-z, 0-9, . _ @ -); set a password with users set-password.", valueName: "login"))
        var login: String?
        @Option(help: "coordinator (the activities API) or admin (also users, audit and reports).") var role: Role = .coordinator
        @Option(help: "The clinic they work for (default 1): they see and change only its patients.") var clinic: Int64?

        func validate() throws {
            if let login, !LoginName.isValid(LoginName.normalized(login)) { throw ValidationError(LoginName.invalidMessage) }
        }

        func run() async throws {
            let store = try await database.open()
            let (user, token) = try await reportingErrors { () async throws(BackendError) in
                if let clinic, try await !store.clinicExists(id: clinic) { throw BackendError.validation(["Clinic must exist"]) }
                if let login, try await store.credential(login: LoginName.normalized(login)) != nil {
                    throw BackendError.validation([LoginName.takenMessage])
                }
                let user = try await store.addUser(name: name, id: nil)
                if let clinic { try await store.moveToClinic(.users, id: user.id, clinicID: clinic) }
                if login != nil || role != .coordinator {
                    _ = try await store.configureAccount(userID: user.id, login: login, role: role)
                }
                return (user, try await store.issueToken(userID: user.id))
            }
            printLine("user \(user.id) added; their token (shown only once, store it now):")
            printLine(token)
        }
    }

    /// Issues another token for an existing user.
    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a new token for a user; prints it alone on the last line.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The user's id.") var id: Int64
        @Option(help: ArgumentHelp("The token stops working after this long (90s, 15m, 12h, 30d); by default it lasts until revoked.", valueName: "duration"))
        var expires: String?

        func validate() throws {
            if let expires, DurationText.parseDays(expires) == nil { throw ValidationError("--expires: write a duration such as 12h or 30d") }
        }

        func run() async throws {
            let store = try await database.open()
            let expiresAt = expires.flatMap(DurationText.parseDays).map { Timestamp(milliseconds: Timestamp.now().milliseconds + $0) }
            let token = try await reportingErrors { () async throws(BackendError) in try await store.issueToken(userID: id, expiresAt: expiresAt) }
            printLine("new token for user \(id) (shown only once):")
            printLine(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their number of active tokens.")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let store = try await database.open()
            let users = try await reportingErrors { () async throws(BackendError) in try await store.usersWithTokenCounts() }
            printLine("ID\tTOKENS\tROLE\tLOGIN\tNAME")
            for entry in users {
                let role = entry.disabled ? "disabled" : entry.role.rawValue
                printLine("\(entry.user.id)\t\(entry.activeTokens)\t\(role)\t\(entry.login ?? "-")\t\(TerminalSafe.line(entry.user.name))")
            }
        }
    }

    /// Sets a user's password: from a prompt without echo, or the first line of stdin.
    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set a user's password (asked twice without echo, or the first line of stdin); their sessions end.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The user's id.") var id: Int64

        func run() async throws {
            let store = try await database.open()
            let password: String
            do {
                password = try PasswordPrompt.read(prompt: "New password for user \(id): ", confirm: true)
            } catch {
                FileHandle.standardError.write(Data("ecm-server: \(error == .mismatch ? "the passwords differ" : "no password given")\n".utf8))
                throw ExitCode(1)
            }
            try await reportingErrors { () async throws(BackendError) in
                try await store.setPasswordHash(userID: id, hash: try await SignIn.hash(password))
            }
            printLine("password of user \(id) set")
        }
    }

    /// Disables a user: sign-in is refused and every token and session ends.
    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: sign-in is refused, every token and session ends.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The user's id.") var id: Int64

        func run() async throws {
            let store = try await database.open()
            try await reportingErrors { () async throws(BackendError) in try await store.disableUser(id: id) }
            printLine("user \(id) disabled")
        }
    }

    /// Revokes every token of a user: their next request is answered 401.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of a user.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The user's id.") var id: Int64

        func run() async throws {
            let store = try await database.open()
            let count = try await reportingErrors { () async throws(BackendError) in try await store.revokeTokens(userID: id) }
            printLine("revoked \(count) token(s) of user \(id)")
        }
    }
}

/// `ecm-server demo-data`: the same generator as `ecm demo-data`.
struct DemoDataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo-data", abstract: "Fill the database with demo data.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "How many patients to add.") var patients = 200
    @Option(help: "How many activities each patient gets.") var activitiesPerPatient = 40
    @Option(help: "Seed for the generator.") var seed: UInt64 = 1

    func run() async throws {
        let store = try await database.open()
        let generator = DemoDataGenerator(patients: patients, activitiesPerPatient: activitiesPerPatient, seed: seed)
        if let file = store as? AppDatabase {
            try await reportingErrors { () async throws(BackendError) in try generator.generate(into: file) }
        } else if let target = store as? any StoreTransfer {
            // The generator writes SQLite: the records are copied to a temporary file, the demo
            // data added there beside them, and the whole copied back.
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ecm-demo-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await reportingErrors { () async throws(BackendError) in
                let file = try AppDatabase.open(path: folder.appendingPathComponent("demo.sqlite").path, create: true)
                _ = try await StoreCopy(from: target, to: file).run(replacing: false)
                try generator.generate(into: file)
                _ = try await StoreCopy(from: file, to: target).run(replacing: true)
            }
        }
        printLine("added \(patients) patients and \(patients * activitiesPerPatient) activities")
    }
}

extension Role: ExpressibleByArgument {}

/// `ecm-server clinics add`: a clinic owns its users and patients.
struct ClinicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clinics", abstract: "Manage clinics: each sees and changes only its own patients.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a clinic; prints the new id.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The clinic's name.") var name: String

        func run() async throws {
            let store = try await database.open()
            printLine(String(try await reportingErrors { () async throws(BackendError) in try await store.addClinic(name: name) }))
        }
    }
}
