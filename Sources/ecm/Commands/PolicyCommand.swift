import ArgumentParser
import ECMDomain

/// `ecm policy [--idle-lock-optional yes|no]`: the store's policy (set on a local store; a
/// server's is set by `ecm-server policy`).
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Show the store's policy; on a local store, set it (whether --idle-lock 0 may turn the idle lock off).")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @Option(help: ArgumentHelp("Let --idle-lock 0 turn the UI's automatic logoff off: yes or no (a local store only).", valueName: "yes|no"))
    var idleLockOptional: String?

    func validate() throws {
        if let idleLockOptional, StorePolicy.switchValue(idleLockOptional) == nil {
            throw ValidationError("--idle-lock-optional: write yes or no")
        }
    }

    func run() async throws {
        let policy = try await reportingErrors(json: output.json) { () async throws(BackendError) in
            if let value = idleLockOptional.flatMap(StorePolicy.switchValue) {
                try await backend.openStore().setStorePolicy(StorePolicy(idleLockOptional: value))
            }
            return try await backend.backend().policy()
        }
        output.json ? Output.json(PolicyBody(policy)) : policy.lines.forEach { Output.line($0) }
    }
}
