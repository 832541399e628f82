import ArgumentParser
import ECMDomain
import ECMPostgres
import ECMStore
import Foundation

/// `--db PATH_OR_URL` and `--db-password-file`, shared by every command: a SQLite file, or a
/// PostgreSQL database for several servers.
struct DatabaseOption: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The SQLite file, or a postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…] URL (env ECM_SERVER_DB).",
            valueName: "path-or-url"))
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A file (mode 600) holding the PostgreSQL password; else PGPASSWORD or the URL.", valueName: "path"))
    var dbPasswordFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "PostgreSQL connections this process may hold at most (servers × this must stay under the database's max_connections).",
            valueName: "n"))
    var dbPoolSize = PostgresStore.defaultPoolSize

    /// `--db`, else `$ECM_SERVER_DB`, else `$XDG_DATA_HOME/ecm/server.sqlite`.
    var target: String {
        let environment = ProcessInfo.processInfo.environment
        if let db, !db.isEmpty { return PostgresURL.isURL(db) ? db : (db as NSString).expandingTildeInPath }
        if let value = environment["ECM_SERVER_DB"], !value.isEmpty {
            return PostgresURL.isURL(value) ? value : (value as NSString).expandingTildeInPath
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/ecm/server.sqlite"
    }

    /// Opens (creating when missing) and migrates the store, or exits 5 with one line.
    func open() async throws -> any ServerStore {
        try await Self.open(target, passwordFile: dbPasswordFile, poolSize: dbPoolSize)
    }

    /// Opens the store at a path or URL, or exits 5 with one line.
    static func open(_ target: String, passwordFile: String?, poolSize: Int = PostgresStore.defaultPoolSize) async throws -> any ServerStore {
        do {
            if PostgresURL.isURL(target) {
                let url: PostgresURL
                do {
                    url = try PostgresURL(target, password: try password(file: passwordFile))
                } catch let error as PostgresURL.URLError {
                    throw BackendError.unavailable("--db: \(error.description)")
                }
                return try await PostgresStore.open(url, poolSize: poolSize)
            }
            return try AppDatabase.open(path: target, create: true)
        } catch let error as BackendError {
            fail(error.description)
        }
    }

    /// The password from a 0600 file, else `PGPASSWORD`, else none (the URL may carry one).
    private static func password(file: String?) throws(BackendError) -> String? {
        if let file {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                let mode = attributes[.posixPermissions] as? Int
            else { throw .unavailable("Cannot read the password file \(file)") }
            guard mode & 0o077 == 0 else {
                throw .unavailable("The password file \(file) can be read by others: chmod 600 it")
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw .unavailable("Cannot read the password file \(file)")
            }
            return text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        }
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"], !password.isEmpty { return password }
        return nil
    }
}

/// Prints one line and exits 5 (unavailable).
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ecm-server: \(message)\n".utf8))
    exit(5)
}

/// Runs set-up work, printing a domain error as one line and exiting non-zero.
func reportingErrors<T>(_ body: () async throws(BackendError) -> T) async throws -> T {
    do {
        return try await body()
    } catch {
        for message in error.messages { FileHandle.standardError.write(Data("ecm-server: \(message)\n".utf8)) }
        throw ExitCode(setupExitCode(error))
    }
}

/// 3 for not found, 5 for a store that cannot serve, 1 for anything the rules refuse.
private func setupExitCode(_ error: BackendError) -> Int32 {
    switch error {
    case .patientNotFound, .activityNotFound, .userNotFound, .viewNotFound, .reportNotFound: 3
    case .unavailable: 5
    default: 1
    }
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
