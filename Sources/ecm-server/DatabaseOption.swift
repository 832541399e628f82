import ArgumentParser
import ECMDomain
import ECMStore
import Foundation

/// `--db PATH`, shared by every command.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite file (env ECM_SERVER_DB).", valueName: "path"))
    var db: String?

    var path: String {
        let environment = ProcessInfo.processInfo.environment
        if let db, !db.isEmpty { return (db as NSString).expandingTildeInPath }
        if let path = environment["ECM_SERVER_DB"], !path.isEmpty { return (path as NSString).expandingTildeInPath }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/ecm/server.sqlite"
    }

    /// Opens (creating when missing) and migrates the database, or exits with its message.
    func open() throws -> AppDatabase {
        do {
            return try AppDatabase.open(path: path, create: true)
        } catch {
            FileHandle.standardError.write(Data("ecm-server: \(error.description)\n".utf8))
            throw ExitCode(5)
        }
    }
}

/// Runs set-up work, printing a domain error as one line and exiting non-zero.
func reportingErrors<T>(_ body: () throws(BackendError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        for message in error.messages { FileHandle.standardError.write(Data("ecm-server: \(message)\n".utf8)) }
        throw ExitCode(error == .patientNotFound || error == .activityNotFound ? 3 : 1)
    }
}

func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
