import ArgumentParser
import ECMCommandOptions
import ECMDomain
import Foundation

/// `ecm-server copy --from PATH_OR_URL --to PATH_OR_URL`: moves a clinic's records between stores.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy every record (users and their token hashes, patients, activities, comments, events) between stores.",
        discussion: """
            SQLite to PostgreSQL, PostgreSQL to SQLite, or between two of either; ids are kept, list counts rebuilt, and the \
            number of rows of each table checked at the end. A target that holds records is refused unless --force, which \
            replaces them. The PostgreSQL password comes from the URL or PGPASSWORD.
            """)

    @Option(help: ArgumentHelp("The store to read: a SQLite file or a postgres:// URL.", valueName: "path-or-url"))
    var from: String
    @Option(help: ArgumentHelp("The store to write: a SQLite file (made when missing) or a postgres:// URL.", valueName: "path-or-url"))
    var to: String
    @Flag(help: "Replace the records a target already holds.") var force = false

    func run() async throws {
        guard let source = try await DatabaseOption.open(from, passwordFile: nil) as? any StoreTransfer,
            let target = try await DatabaseOption.open(to, passwordFile: nil) as? any StoreTransfer
        else { fail("this store cannot be copied") }
        let started = ContinuousClock.now
        let bar = ProgressBar()
        let report = try await reportingErrors { () async throws(BackendError) in
            try await StoreCopy(from: source, to: target).run(replacing: force) { table, done, total in
                bar.show(done, total, label: table.rawValue)
            }
        }
        bar.finish()
        let seconds = (ContinuousClock.now - started).components.seconds
        let counts = TransferTable.allCases.map { "\(report.rows[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        printLine("copied \(counts) in \(seconds) s; every table's count verified")
    }
}
