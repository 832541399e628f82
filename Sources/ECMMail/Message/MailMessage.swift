import ECMDomain
import Foundation

/// A file to attach: its bytes as served, with the type and name the server gave.
public struct MailAttachment: Sendable, Hashable {
    public let fileName: String
    public let contentType: String
    public let bytes: [UInt8]

    public init(fileName: String, contentType: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// The sender, as `--mail-from "Clinic Care Team <care@clinic.example>"` names it.
public struct MailSender: Sendable, Hashable {
    public let name: String?
    public let address: String

    /// `Name <address>` or a bare address; nil when the address is not one.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard EmailAddress.isValid(address) else { return nil }
            self.name = name.isEmpty ? nil : name
            self.address = address
        } else {
            guard EmailAddress.isValid(trimmed) else { return nil }
            self.name = nil
            self.address = trimmed
        }
    }

    /// The `From` header's value.
    var header: String { name.map { "\(HeaderText.displayName($0)) <\(address)>" } ?? address }
}

/// An email activity's message as RFC 5322 bytes: CRLF line ends, a text/plain UTF-8 body in
/// quoted-printable, and attachments as base64 MIME parts.
public struct MailMessage: Sendable {
    public let from: MailSender
    public let to: String
    public let messageID: String
    public let bytes: [UInt8]

    public init(_ outbox: OutboxMessage, from: MailSender, attachments: [MailAttachment] = []) {
        self.from = from
        self.to = outbox.to
        self.messageID = outbox.messageID
        var headers = [
            "From: \(from.header)",
            "To: \(outbox.to)",
            "Subject: \(HeaderText.unstructured(outbox.subject ?? ""))",
            "Date: \(Self.date(outbox.createdAt))",
            "Message-ID: \(outbox.messageID)",
            "MIME-Version: 1.0",
        ]
        let text = [
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            QuotedPrintable.encode(outbox.body),
        ].joined(separator: "\r\n")
        var message: String
        if attachments.isEmpty {
            message = (headers + [text]).joined(separator: "\r\n")
        } else {
            let boundary = "ecm-" + Self.boundary(outbox.messageID)
            headers.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
            var parts = ["--\(boundary)", text]
            for attachment in attachments {
                parts += [
                    "--\(boundary)",
                    "Content-Type: \(attachment.contentType)",
                    "Content-Transfer-Encoding: base64",
                    "Content-Disposition: attachment; \(HeaderText.fileNameParameter(attachment.fileName))",
                    "",
                    Base64Lines.encode(attachment.bytes),
                ]
            }
            parts.append("--\(boundary)--")
            message = (headers + ["", "This is a multipart message in MIME format."] + parts).joined(separator: "\r\n")
        }
        message += "\r\n"
        bytes = Array(message.utf8)
    }

    /// A boundary no base64 or quoted-printable line can contain: from the Message-ID's random part.
    private static func boundary(_ id: String) -> String {
        String(id.filter { $0.isLetter || $0.isNumber }.suffix(24))
    }

    /// RFC 5322's date, in UTC: `Sat, 05 Dec 2026 08:30:00 +0000`.
    static func date(_ time: Timestamp) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(time.milliseconds) / 1000))
    }
}
