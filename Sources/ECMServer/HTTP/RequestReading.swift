import ECMDomain
import Foundation
import Hummingbird
import NIOCore

/// Reading path ids, query parameters and JSON bodies the way the API answers them.
extension Request {
    /// The query parameters, last value winning.
    var queryDictionary: [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in uri.queryParameters { parameters[String(key)] = String(value) }
        return parameters
    }

    /// The body of a write, after checking its content type (415) and size (413, by the context).
    /// A body that cannot be read whole (broken chunking, cut short) is a 400.
    mutating func jsonBody(context: ECMRequestContext) async throws -> Data {
        guard let type = headers[.contentType]?.lowercased(),
            type.split(separator: ";").first.map({ $0.trimmingCharacters(in: .whitespaces) }).map({
                $0 == "application/json" || ($0.hasPrefix("application/") && $0.hasSuffix("+json"))
            }) == true
        else { throw UnsupportedMediaType() }
        return Data(try await collectAPIBody(context: context).readableBytesView)
    }

    /// The body of a write as JSON, read without a schema; 400 when it is not JSON.
    mutating func jsonValue(context: ECMRequestContext) async throws -> JSONValue {
        let data = try await jsonBody(context: context)
        guard let value = try? JSONValue(parsing: data) else { throw BackendError.badRequest("Request body is not valid JSON") }
        return value
    }

    /// The whole body, kept as the request's body for whoever reads it next: 413 over the
    /// context's limit, 400 when it cannot be read whole.
    mutating func collectAPIBody(context: ECMRequestContext) async throws -> ByteBuffer {
        do {
            return try await collectBody(upTo: context.maxUploadSize)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            throw BackendError.badRequest(Self.unreadableBodyMessage)
        }
    }

    /// The answer to a body the HTTP layer could not read.
    static let unreadableBodyMessage = "Request body is malformed or incomplete"
}

/// A write whose body is not JSON.
struct UnsupportedMediaType: Error {}

extension ECMRequestContext {
    /// A numeric path parameter; anything else is answered as the record not being there.
    func id(_ name: String, notFound: BackendError) throws(BackendError) -> Int64 {
        guard let text = parameters.get(name), let id = Int64(text), id > 0 else { throw notFound }
        return id
    }

    func patientID() throws(BackendError) -> Int64 { try id("patient_id", notFound: .patientNotFound) }
    func activityID() throws(BackendError) -> Int64 { try id("id", notFound: .activityNotFound) }
}
