import ArgumentParser
import ECMDomain
import ECMServer
import Foundation
import Hummingbird
import Logging

/// `ecm-server serve`: answers the API until SIGTERM or SIGINT, then drains and exits 0.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API. Prints `listening on http://HOST:PORT` once ready.")

    @OptionGroup var database: DatabaseOption
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 8080
    @Option(help: "trace, debug, info, notice, warning, error or critical.") var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ecm-server")
        try await serve(try await database.open(), logger: logger)
    }

    /// Serves the API from `store` until SIGTERM or SIGINT.
    private func serve(_ store: some ServerStore, logger: Logger) async throws {
        let app = buildApplication(repository: store, host: host, port: port, logger: logger) { host, port in
            printLine("listening on http://\(host):\(port)")
        }
        try await app.runService()
    }
}
