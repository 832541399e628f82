import AsyncHTTPClient
import Foundation
import NIOCore

/// Fetches an email's attachments at send time: https (http only from this machine), at most
/// 10 MiB each and 25 MiB in all, with the type and file name the server gives.
public struct AttachmentFetcher: Sendable {
    public static let maximumBytes = 10 * 1024 * 1024
    public static let maximumTotalBytes = 25 * 1024 * 1024
    let client: HTTPClient

    public init(client: HTTPClient = .shared) {
        self.client = client
    }

    public func fetch(_ urls: [String]) async throws(MailError) -> [MailAttachment] {
        var attachments: [MailAttachment] = []
        var total = 0
        for url in urls {
            let attachment = try await fetch(url)
            total += attachment.bytes.count
            if total > Self.maximumTotalBytes { throw .permanent("the attachments are larger than 25 MiB together") }
            attachments.append(attachment)
        }
        return attachments
    }

    func fetch(_ url: String) async throws(MailError) -> MailAttachment {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host
        else { throw .permanent("attachment \(url) is not a URL") }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host.lowercased())
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw .permanent("attachment \(url): only https addresses are fetched")
        }
        let response: HTTPClientResponse
        var body = ByteBuffer()
        do {
            var request = HTTPClientRequest(url: url)
            request.method = .GET
            response = try await client.execute(request, timeout: .seconds(60))
            guard (200..<300).contains(response.status.code) else {
                throw MailError.transient("attachment \(url) could not be fetched (HTTP \(response.status.code))")
            }
            body = try await response.body.collect(upTo: Self.maximumBytes)
        } catch let error as MailError {
            throw error
        } catch is NIOTooManyBytesError {
            throw .permanent("attachment \(url) is larger than 10 MiB")
        } catch {
            throw .transient("attachment \(url) could not be fetched")
        }
        let type = response.headers.first(name: "content-type")?
            .filter { $0 != "\r" && $0 != "\n" } ?? "application/octet-stream"
        let name = (components.path as NSString).lastPathComponent
        return MailAttachment(
            fileName: name.isEmpty || name == "/" ? "attachment" : name.removingPercentEncoding ?? name,
            contentType: type, bytes: Array(buffer: body))
    }
}
