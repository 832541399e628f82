import ECMDomain
import Foundation
import Hummingbird

/// Extension in the vendor's shape: the clinic's PRTF reports, for administrators. A report is
/// made from the store as it stands (days in the server's time zone, `TZ`), kept, and downloaded
/// as the file it was; making one is audited with it, each download by `AuditMiddleware`.
struct PRTFReportsController<Repository: PRTFReportStore>: Sendable {
    let repository: Repository
    /// The clinic's days: the server's zone (`TZ`) unless a test says otherwise.
    let zone: TimeZone

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.post("clinic/ecm/prtf_reports", use: create)
        group.get("clinic/ecm/prtf_reports", use: list)
        group.get("clinic/ecm/prtf_reports/:id", use: show)
        group.get("clinic/ecm/prtf_reports/:id/download", use: download)
    }

    /// 201 `{"message": …, "prtf_report": {…}}` with its `Location`.
    @Sendable func create(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let admin = try context.requireUser()
        var request = request
        guard case .object(let object) = try await request.jsonValue(context: context) else {
            throw BackendError.badRequest("Request body must be a JSON object")
        }
        let report = try await repository.generatePRTFReport(
            try PRTFRequest(json: object), clinicID: admin.clinicID, createdBy: admin.id, zone: zone,
            audit: { id in AuditTarget(.create, "prtf_report", resourceID: id).entry(userID: admin.id, clinicID: admin.clinicID, context: context.auditContext) })
        var response = JSONResponse.make(PRTFReportBody(report, message: PRTFReportBody.generatedMessage), status: .created)
        response.headers[.location] = "/v1/admin/clinic/ecm/prtf_reports/\(report.id)"
        return response
    }

    /// Newest first, a page at a time.
    @Sendable func list(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let page = try PageRequest(parameters: request.queryDictionary)
        return JSONResponse.make(PRTFReportsBody(try await repository.prtfReports(clinicID: try context.requireUser().clinicID, page: page)))
    }

    @Sendable func show(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let id = try context.id("id", notFound: .reportNotFound)
        return JSONResponse.make(PRTFReportBody(try await repository.prtfReport(id: id, clinicID: try context.requireUser().clinicID)))
    }

    /// The file, `text/csv`, streamed a thousand lines at a time under its file name.
    @Sendable func download(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let id = try context.id("id", notFound: .reportNotFound)
        let report = try await repository.prtfReport(id: id, clinicID: try context.requireUser().clinicID)
        let repository = repository
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8"
        headers[.contentDisposition] = "attachment; filename=\"\(report.filename)\""
        headers[.cacheControl] = "no-store"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await repository.streamPRTFReport(id: id) { text in try await writer.write(ByteBuffer(string: text)) }
            try await writer.finish(nil)
        })
    }
}
