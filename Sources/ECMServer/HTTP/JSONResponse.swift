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
        var headers: HTTPFields = [.eTag: ETag.format(detail.revision)]
        if let location { headers[.location] = location }
        return make(ActivityBody(detail), status: status, headers: headers)
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
