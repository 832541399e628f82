import ArgumentParser
import ECMDomain
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
        subcommands: [Add.self, List.self, Revoke.self, Token.self])

    /// Adds a user and prints their token alone on the last line (shown once, stored hashed).
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; prints the new token alone on the last line (shown only once).")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The user's full name.") var name: String

        func run() async throws {
            let store = try await database.open()
            let (user, token) = try await reportingErrors { () async throws(BackendError) in
                let user = try await store.addUser(name: name, id: nil)
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

        func run() async throws {
            let store = try await database.open()
            let token = try await reportingErrors { () async throws(BackendError) in try await store.issueToken(userID: id) }
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
            printLine("ID\tTOKENS\tNAME")
            for entry in users { printLine("\(entry.user.id)\t\(entry.activeTokens)\t\(TerminalSafe.line(entry.user.name))") }
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

/// `ecm-server patients add`.
struct PatientsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Manage the caseload.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient; prints the new id.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The patient's full name.") var name: String
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD")) var dob: String?

        func run() async throws {
            let store = try await database.open()
            let patient = try await reportingErrors { () async throws(BackendError) in try await store.addPatient(name: name, dateOfBirth: dob, id: nil) }
            printLine(String(patient.id))
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
