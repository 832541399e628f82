import ArgumentParser
import ECMAuth
import ECMDomain
import ECMRESTClient
import Foundation

/// `ecm login`: signs in to the server and keeps the session in the credentials file.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to the server (asks for the password without echo); the session is kept in ~/.config/ecm/credentials (mode 600).",
        discussion: "Without a terminal, the login (unless --login is given) and then the password are read from stdin, one per line.")

    @OptionGroup var backend: BackendOptions
    @Option(help: ArgumentHelp("What you sign in with; asked when not given.", valueName: "login")) var login: String?

    func run() async throws {
        let configuration = try await reportingErrors(json: false) { () throws(BackendError) in try backend.serverConfiguration(token: "") }
        let name: String
        if let login {
            name = login
        } else {
            if isatty(STDIN_FILENO) == 1 { FileHandle.standardError.write(Data("Login: ".utf8)) }
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                Output.standardError("ecm: no login given")
                throw ExitStatus.usage.exitCode
            }
            name = line
        }
        let password: String
        do {
            password = try PasswordPrompt.read()
        } catch {
            Output.standardError("ecm: no password given")
            throw ExitStatus.usage.exitCode
        }
        let grant = try await reportingErrors(json: false) { () async throws(BackendError) in
            let grant = try await RESTBackend.signIn(configuration, login: name, password: password)
            try Credentials.save(token: grant.token)
            return grant
        }
        let until = WallClock.dateTimeWithZone(grant.expiresAt, .current)
        Output.line("Signed in to \(configuration.baseURL) as \(TerminalSafe.line(grant.account.name)) (\(grant.account.role.rawValue)) until \(until) at the latest; a session also ends when idle.")
    }
}

/// `ecm logout`: ends the session on the server and removes the credentials file.
struct LogoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logout", abstract: "End the session on the server and remove the credentials file.")

    @OptionGroup var backend: BackendOptions

    func run() async throws {
        let token = try await reportingErrors(json: false) { () throws(BackendError) in try Credentials.token() }
        let configuration = try await reportingErrors(json: false) { () throws(BackendError) in try backend.serverConfiguration(token: token) }
        do throws(BackendError) {
            try await RESTBackend(configuration).signOut()
        } catch .unauthorized, .sessionExpired {
            // Already over on the server: the file still goes.
        } catch .validation {
            Credentials.remove()
            Output.line("Removed the credentials file; it held an API token, which stays valid until an administrator revokes it.")
            return
        } catch {
            Output.error(error, json: false)
            Output.standardError("ecm: the credentials file was kept: try again when the server answers")
            throw ExitStatus(error).exitCode
        }
        Credentials.remove()
        Output.line("Signed out.")
    }
}
