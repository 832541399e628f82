import ECMDomain
import Foundation
import Hummingbird

/// Builds the API's JSON responses.
enum JSONResponse {
    static let contentType = "application/json; charset=utf-8"

    static func make(_ body: some JSONWritable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        let bytes = JSONWriter.bytes(of: body)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func errors(_ messages: [String], status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        make(ErrorsBody(messages), status: status, headers: headers)
    }

    /// An activity with its revision as the ETag.
    static func activity(_ detail: ActivityDetail, status: HTTPResponse.Status = .ok, location: String? = nil) -> Response {
        recorded(activityAnswer(detail, status: status, location: location))
    }

    /// The answer to a write, as recorded under an `Idempotency-Key`: an activity with its
    /// revision as the ETag.
    static func activityAnswer(_ detail: ActivityDetail, status: HTTPResponse.Status = .ok, location: String? = nil) -> RecordedResponse {
        RecordedResponse(
            status: status.code, location: location, etag: ETag.format(detail.revision), body: JSONWriter.bytes(of: ActivityBody(detail)))
    }

    /// A JSON answer to a write, as recorded.
    static func answer(_ body: some JSONWritable, status: HTTPResponse.Status) -> RecordedResponse {
        RecordedResponse(status: status.code, body: JSONWriter.bytes(of: body))
    }

    /// The answer of a write: JSON unless it has no body (204).
    static func recorded(_ answer: RecordedResponse) -> Response {
        var headers: HTTPFields = [:]
        if !answer.body.isEmpty { headers[.contentType] = contentType }
        if let location = answer.location { headers[.location] = location }
        if let etag = answer.etag { headers[.eTag] = etag }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: answer.body.isEmpty ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// Strong ETags made of an activity's revision: `"7"`.
enum ETag {
    static func format(_ revision: Int64) -> String { "\"\(revision)\"" }

    /// The revision an `If-Match` header asks for: nil when absent or `*` (any), and -1 (which
    /// never matches) when it names no revision of ours.
    static func requiredRevision(_ request: Request) -> Int64? {
        guard let value = request.headers[.ifMatch]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            return nil
        }
        if value == "*" { return nil }
        let first = value.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let unquoted = first.hasPrefix("W/") ? String(first.dropFirst(2)) : first
        guard unquoted.count >= 2, unquoted.hasPrefix("\""), unquoted.hasSuffix("\""),
            let revision = Int64(unquoted.dropFirst().dropLast())
        else { return -1 }
        return revision
    }
}
