import ArgumentParser
import ECMDomain

/// `ecm init`: creates the store, or checks an existing one.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the store (safe to run again).")

    @OptionGroup var backend: BackendOptions

    func run() async throws {
        let database = try await reportingErrors(json: false) { () throws(BackendError) in
            try backend.openStore(create: true)
        }
        Output.line(database.path)
    }
}
