import CCurl
import Dispatch
import Foundation

/// SMTP submission through libcurl (dot-stuffing, STARTTLS, AUTH PLAIN/LOGIN, connection reuse
/// are libcurl's). `smtp://` requires STARTTLS: a server that does not offer it is refused
/// before anything is sent. `smtps://` is TLS from the first byte.
///
/// One easy handle, used by one message at a time on a queue of its own (libcurl blocks), so
/// the connection stays open between messages.
public final class SMTPTransport: MailTransport, @unchecked Sendable {
    private let implicitTLS: Bool
    private let host: String
    private let port: Int
    private let user: String?
    private let password: String?
    private let caFile: String?
    private let queue = DispatchQueue(label: "ecm.smtp")
    /// Touched on `queue` only.
    private var handle: UnsafeMutableRawPointer?

    /// Seconds to connect, and for a whole message.
    static let connectTimeout = 30
    static let messageTimeout = 120

    init(implicitTLS: Bool, host: String, port: Int, user: String?, password: String?, caFile: String?) {
        _ = Self.globalInit
        self.implicitTLS = implicitTLS
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.caFile = caFile
    }

    deinit {
        if let handle { curl_easy_cleanup(handle) }
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    public var description: String {
        "\(implicitTLS ? "smtps" : "smtp")://\(user.map { "\($0)@" } ?? "")\(host):\(port)"
    }

    public func send(_ message: MailMessage) async throws(MailError) {
        let result: Result<Void, MailError> = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.perform(message)) }
        }
        try result.get()
    }

    /// On `queue` only.
    private func perform(_ message: MailMessage) -> Result<Void, MailError> {
        if handle == nil { handle = curl_easy_init() }
        guard let handle else { return .failure(.transient("libcurl could not start")) }
        curl_easy_reset(handle)  // options only: the connection cache stays
        let upload = Upload(message.bytes)
        let unmanaged = Unmanaged.passRetained(upload)
        defer { unmanaged.release() }
        let recipients = curl_slist_append(nil, "<\(message.to)>")
        defer { curl_slist_free_all(recipients) }
        let url = "\(implicitTLS ? "smtps" : "smtp")://\(host):\(port)"
        _ = ecm_curl_set_string(handle, CURLOPT_URL, url)
        if !implicitTLS { _ = ecm_curl_set_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
        if let user { _ = ecm_curl_set_string(handle, CURLOPT_USERNAME, user) }
        if let password { _ = ecm_curl_set_string(handle, CURLOPT_PASSWORD, password) }
        if let caFile { _ = ecm_curl_set_string(handle, CURLOPT_CAINFO, caFile) }
        _ = ecm_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(message.from.address)>")
        _ = ecm_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients)
        _ = ecm_curl_set_long(handle, CURLOPT_UPLOAD, 1)
        _ = ecm_curl_set_long(handle, CURLOPT_INFILESIZE_LARGE, Int(message.bytes.count))
        _ = ecm_curl_set_callback(handle, CURLOPT_READFUNCTION, readMessage)
        _ = ecm_curl_set_pointer(handle, CURLOPT_READDATA, unmanaged.toOpaque())
        _ = ecm_curl_set_debug_callback(handle, recordReply)
        _ = ecm_curl_set_pointer(handle, CURLOPT_DEBUGDATA, unmanaged.toOpaque())
        _ = ecm_curl_set_long(handle, CURLOPT_VERBOSE, 1)  // only to the callback above
        _ = ecm_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT, Self.connectTimeout)
        _ = ecm_curl_set_long(handle, CURLOPT_TIMEOUT, Self.messageTimeout)
        _ = ecm_curl_set_long(handle, CURLOPT_NOSIGNAL, 1)
        let code = curl_easy_perform(handle)
        if code == CURLE_OK { return .success(()) }
        var reply = 0
        _ = ecm_curl_response_code(handle, &reply)
        let said = upload.lastReply.map { "the mail server said: \($0)" }
        switch code {
        case CURLE_USE_SSL_FAILED:
            return .failure(.transient("the mail server does not offer STARTTLS: nothing was sent"))
        case CURLE_LOGIN_DENIED:
            return .failure(.transient("the mail server refused the sign-in\(said.map { " (\($0))" } ?? "")"))
        default:
            if reply >= 500 { return .failure(.permanent(said ?? "the mail server refused the message (\(reply))")) }
            if reply >= 400 { return .failure(.transient(said ?? "the mail server asked to try again later (\(reply))")) }
            return .failure(.transient(String(cString: curl_easy_strerror(code))))
        }
    }
}

/// The message being uploaded, and the mail server's last reply line.
private final class Upload {
    let bytes: [UInt8]
    var offset = 0
    var lastReply: String?
    init(_ bytes: [UInt8]) { self.bytes = bytes }
}

private let readMessage: ecm_curl_io_callback = { buffer, size, count, context in
    guard let buffer, let context else { return 0 }
    let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
    let length = min(size * count, upload.bytes.count - upload.offset)
    guard length > 0 else { return 0 }
    upload.bytes.withUnsafeBufferPointer { source in
        UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + upload.offset, byteCount: length)
    }
    upload.offset += length
    return length
}

/// Keeps the server's last reply (a line libcurl reads), for `last_error`; nothing else of the
/// conversation is kept or logged (it holds addresses and the message).
private let recordReply: ecm_curl_debug_callback = { _, type, data, size, context in
    guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
    let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    if let first = line.first, first.isNumber { upload.lastReply = String(line.prefix(300)) }
    return 0
}
