import ArgumentParser
import ECMDomain
import ECMRESTClient
import ECMStore
import Foundation

/// Where the data lives and who is acting: `--store` and `--as`, shared by every command.
struct BackendOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store file (env ECM_STORE).", valueName: "path"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("The acting user's id (env ECM_USER; default: the store's first user).", valueName: "user-id"))
    var actingUser: String?

    @Option(name: .long, help: ArgumentHelp("Use an ecm-server instead of a local store (env ECM_SERVER); token from ECM_TOKEN or ~/.config/ecm/credentials.", valueName: "url"))
    var server: String?

    @Flag(name: .long, help: "Allow plain http to a server that is not on this machine.")
    var insecureHTTP = false

    @Option(name: .long, help: ArgumentHelp("PEM certificates to trust for the server (a private CA; env ECM_CA_FILE).", valueName: "path"))
    var caFile: String?

    /// The server URL, when one is chosen.
    var serverURL: String? {
        if let server, !server.isEmpty { return server }
        if let url = ProcessInfo.processInfo.environment["ECM_SERVER"], !url.isEmpty { return url }
        return nil
    }

    /// The store path: `--store`, else `$ECM_STORE`, else `$XDG_DATA_HOME/ecm/ecm.sqlite`.
    var storePath: String {
        let environment = ProcessInfo.processInfo.environment
        if let store, !store.isEmpty { return Self.expand(store) }
        if let path = environment["ECM_STORE"], !path.isEmpty { return Self.expand(path) }
        return Self.dataHome(environment) + "/ecm/ecm.sqlite"
    }

    static func dataHome(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
    }

    static func expand(_ path: String) -> String { (path as NSString).expandingTildeInPath }

    /// Opens the local store (creating it when asked), for set-up commands.
    func openStore(create: Bool = false) throws(BackendError) -> AppDatabase {
        if serverURL != nil {
            throw .badRequest("This command works on a local store; on a server use `ecm-server` (users add, patients add, demo-data)")
        }
        return try AppDatabase.open(path: storePath, create: create)
    }

    /// How to reach the chosen server with `token`; `.badRequest` when no server is chosen.
    func serverConfiguration(token: String) throws(BackendError) -> RESTBackend.Configuration {
        guard let serverURL else { throw .badRequest("No server: pass --server URL or set ECM_SERVER") }
        var configuration = RESTBackend.Configuration(baseURL: serverURL, token: token)
        configuration.allowInsecureHTTP = insecureHTTP
        configuration.caFile = caFile ?? ProcessInfo.processInfo.environment["ECM_CA_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        return configuration
    }

    /// The backend every data command uses: the server when one is chosen, else the store.
    func backend() throws(BackendError) -> any ActivityBackend {
        if let serverURL {
            return try RESTBackend(try serverConfiguration(token: try Credentials.token()))
        }
        let database = try openStore()
        return StoreBackend(database: database, actingUserID: try actingUserID(in: database))
    }

    /// The acting user on a local store: `--as`, else `ECM_USER`, else the store's first user.
    func actingUserID(in database: AppDatabase) throws(BackendError) -> Int64? {
        let text = actingUser ?? ProcessInfo.processInfo.environment["ECM_USER"]
        guard let text, !text.isEmpty else { return try database.firstUserID() }
        guard let id = Int64(text) else { throw .validation(["Acting user must be a user id (a number)"]) }
        guard try database.userExists(id: id) else { throw .unknownUser(id) }
        return id
    }
}

/// `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print exactly the API's JSON response body.")
    var json = false
}

/// Runs a command's work, reporting a backend error the documented way and exiting with its code.
func reportingErrors<T>(json: Bool, _ body: () async throws(BackendError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        Output.error(error, json: json)
        if error == .unauthorized, !json, ProcessInfo.processInfo.environment["ECM_SERVER"] == nil,
            !CommandLine.arguments.contains(where: { $0.hasPrefix("--server") })
        {
            Output.standardError("ecm: no acting user: add one with `ecm users add --name NAME`, then pass --as ID")
        }
        throw ExitStatus(error).exitCode
    }
}
