import ArgumentParser
import Foundation

/// Runs `ecm` and turns every failure into the documented exit codes: a usage error exits 2
/// (argument-parser's own default would be 64).
@main
enum EntryPoint {
    static func main() async {
        do {
            var command = try ECM.parseAsRoot(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = ECM.exitCode(for: error)
            let message = ECM.fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                exit(0)
            }
            if !message.isEmpty { Output.standardError(message) }
            exit(code == .validationFailure ? ExitStatus.usage.rawValue : code.rawValue)
        }
    }
}
