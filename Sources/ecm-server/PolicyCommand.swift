import ArgumentParser
import ECMDomain

/// `ecm-server policy [--idle-lock-optional yes|no]`: what the operator decides for every client.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show or set the store's policy for its clients (whether `ecm --idle-lock 0` may turn the idle lock off).")

    @OptionGroup var database: DatabaseOption
    @Option(help: ArgumentHelp("Let `ecm --idle-lock 0` turn the UI's automatic logoff off: yes or no (default no).", valueName: "yes|no"))
    var idleLockOptional: String?

    func validate() throws {
        if let idleLockOptional, StorePolicy.switchValue(idleLockOptional) == nil {
            throw ValidationError("--idle-lock-optional: write yes or no")
        }
    }

    func run() async throws {
        let store = try await database.open()
        let policy = try await reportingErrors { () async throws(BackendError) in
            if let value = idleLockOptional.flatMap(StorePolicy.switchValue) {
                try await store.setStorePolicy(StorePolicy(idleLockOptional: value))
            }
            return try await store.storePolicy()
        }
        policy.lines.forEach(printLine)
    }
}
