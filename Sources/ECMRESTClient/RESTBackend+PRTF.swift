import AsyncHTTPClient
import ECMDomain
import Foundation
import NIOCore
import NIOHTTP1

/// PRTF reports on a server (`/v1/admin/clinic/ecm/prtf_reports`, administrators): made on the
/// server, then downloaded as the file it kept, streamed rather than held.
extension RESTBackend {
    static let prtfReports = "/v1/admin/clinic/ecm/prtf_reports"

    /// How long a report may take to make: the quarter of a large clinic takes seconds, and a
    /// retried POST would only be answered from the first one's idempotency key anyway.
    static let prtfTimeout: Duration = .seconds(600)

    /// Makes and keeps a report; its numbers and `url` come back.
    public func generatePRTFReport(_ request: PRTFRequest) async throws(BackendError) -> PRTFReport {
        let body = ECMJSON.encode(JSONValue.object(request.json))
        return try decode(PRTFReportBody.self, try await send(.POST, Self.prtfReports, json: body, timeout: Self.prtfTimeout)).report
    }

    /// The clinic's reports, newest first.
    public func prtfReports(page: PageRequest = PageRequest()) async throws(BackendError) -> Page<PRTFReport> {
        try decode(PRTFReportsBody.self, try await send(.GET, Self.prtfReports, query: [("page", String(page.page)), ("page_size", String(page.size))])).page
    }

    /// One kept report (404 `Report not found` for another clinic's).
    public func prtfReport(id: Int64) async throws(BackendError) -> PRTFReport {
        try decode(PRTFReportBody.self, try await send(.GET, "\(Self.prtfReports)/\(id)")).report
    }

    /// Streams a kept report's file to `write`, a chunk at a time as it arrives.
    public func downloadPRTFReport(id: Int64, _ write: (Data) throws -> Void) async throws(BackendError) {
        let request = try request(.GET, "\(Self.prtfReports)/\(id)/download", accept: "text/csv")
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(Self.prtfTimeout))
            guard response.status == .ok else {
                let buffer = try await response.body.collect(upTo: Self.maximumResponseSize)
                throw failure(Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView)))
            }
            for try await chunk in response.body {
                do {
                    try write(Data(chunk.readableBytesView))
                } catch {
                    throw BackendError.unavailable("Could not write the report: \(error.localizedDescription)")
                }
            }
        } catch let error as BackendError {
            throw error
        } catch {
            throw .unavailable("Cannot reach the ecm server at \(location): \(Self.describe(error))")
        }
    }
}
