import ECMDomain
import ECMRESTClient
import ECMStore
import Foundation

/// Where `ecm report` makes and reads PRTF reports: the local store, as the acting user (kept
/// and audited there as a server would), or a server (`--server`, an administrator's token).
enum ReportSource {
    case local(AppDatabase, userID: Int64, clinicID: Int64)
    case server(RESTBackend)

    static func open(_ backend: BackendOptions) async throws(BackendError) -> ReportSource {
        if backend.serverURL != nil {
            return .server(try RESTBackend(try backend.serverConfiguration(token: try Credentials.token())))
        }
        let database = try backend.openStore()
        guard let userID = try backend.actingUserID(in: database) else { throw .unauthorized }
        let user = try await StoreBackend(database: database, actingUserID: userID).currentUser()
        return .local(database, userID: userID, clinicID: user.clinicID)
    }

    /// The clinic's reports, newest first.
    func list(_ page: PageRequest) async throws(BackendError) -> Page<PRTFReport> {
        switch self {
        case .local(let database, _, let clinicID): try await database.prtfReports(clinicID: clinicID, page: page)
        case .server(let server): try await server.prtfReports(page: page)
        }
    }

    func report(id: Int64) async throws(BackendError) -> PRTFReport {
        switch self {
        case .local(let database, _, let clinicID): try await database.prtfReport(id: id, clinicID: clinicID)
        case .server(let server): try await server.prtfReport(id: id)
        }
    }

    /// Writes a kept report to `path`, whole or not at all; an export in the audit trail (the
    /// server audits its download itself).
    func download(_ report: PRTFReport, to path: String, source: String) async throws(BackendError) -> String {
        let file = try ReportFile(path: path)
        switch self {
        case .local(let database, let userID, let clinicID):
            // Audited before the file is put under its name: an export is never left out.
            try await file.fill { () async throws(BackendError) in
                try await database.streamPRTFReport(id: report.id) { line in try file.write(line) }
                try await database.appendAudit([
                    AuditTarget(.export, "prtf_report", resourceID: report.id)
                        .entry(userID: userID, clinicID: clinicID, status: 200, context: AuditContext(remoteAddress: source))
                ])
            }
        case .server(let server):
            try await file.fill { () async throws(BackendError) in
                try await server.downloadPRTFReport(id: report.id) { bytes in try file.write(bytes) }
            }
        }
        return file.path
    }

    /// Where a report goes: `--output` (relative to here), else its own name here.
    static func destination(_ output: String?, filename: String) -> String {
        let here = FileManager.default.currentDirectoryPath
        guard let chosen = output.map(BackendOptions.expand) else { return here + "/" + filename }
        return chosen.hasPrefix("/") ? chosen : here + "/" + chosen
    }
}
