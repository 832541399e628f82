import ArgumentParser
import ECMDomain
import ECMStore

/// `ecm-server migrate`: creates or upgrades the database and exits.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database.")

    @OptionGroup var database: DatabaseOption

    func run() throws {
        printLine(try database.open().path)
    }
}

/// `ecm-server users add|list|revoke|token`: the care team and their API tokens.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users", abstract: "Manage users and their API tokens.",
        subcommands: [Add.self, List.self, Revoke.self, Token.self])

    /// Adds a user and prints their token alone on the last line (shown once, stored hashed).
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; prints the new token alone on the last line (shown only once).")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The user's full name.") var name: String

        func run() throws {
            let store = try database.open()
            let (user, token) = try reportingErrors { () throws(BackendError) in
                let user = try store.addUser(name: name)
                return (user, try store.issueToken(userID: user.id))
            }
            printLine("user \(user.id) added; their token (shown only once, store it now):")
            printLine(token)
        }
    }

    /// Issues another token for an existing user.
    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue a new token for a user; prints it alone on the last line.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The user's id.") var id: Int64

        func run() throws {
            let store = try database.open()
            let token = try reportingErrors { () throws(BackendError) in try store.issueToken(userID: id) }
            printLine("new token for user \(id) (shown only once):")
            printLine(token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their number of active tokens.")

        @OptionGroup var database: DatabaseOption

        func run() throws {
            let store = try database.open()
            let users = try reportingErrors { () throws(BackendError) in try store.usersWithTokenCounts() }
            printLine("ID\tTOKENS\tNAME")
            for (user, tokens) in users { printLine("\(user.id)\t\(tokens)\t\(TerminalSafe.line(user.name))") }
        }
    }

    /// Revokes every token of a user: their next request is answered 401.
    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke every token of a user.")

        @OptionGroup var database: DatabaseOption
        @Argument(help: "The user's id.") var id: Int64

        func run() throws {
            let store = try database.open()
            let count = try reportingErrors { () throws(BackendError) in try store.revokeTokens(userID: id) }
            printLine("revoked \(count) token(s) of user \(id)")
        }
    }
}

/// `ecm-server patients add`.
struct PatientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patients", abstract: "Manage the caseload.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a patient; prints the new id.")

        @OptionGroup var database: DatabaseOption
        @Option(help: "The patient's full name.") var name: String
        @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD")) var dob: String?

        func run() throws {
            let store = try database.open()
            let patient = try reportingErrors { () throws(BackendError) in try store.addPatient(name: name, dateOfBirth: dob) }
            printLine(String(patient.id))
        }
    }
}

/// `ecm-server demo-data`: the same generator as `ecm demo-data`.
struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo-data", abstract: "Fill the database with demo data.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "How many patients to add.") var patients = 200
    @Option(help: "How many activities each patient gets.") var activitiesPerPatient = 40
    @Option(help: "Seed for the generator.") var seed: UInt64 = 1

    func run() throws {
        let store = try database.open()
        try reportingErrors { () throws(BackendError) in
            try DemoDataGenerator(patients: patients, activitiesPerPatient: activitiesPerPatient, seed: seed).generate(into: store)
        }
        printLine("added \(patients) patients and \(patients * activitiesPerPatient) activities")
    }
}
