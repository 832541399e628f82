/// Quoted-printable (RFC 2045 §6.7) for a text body: readable where it is ASCII, 76-character
/// lines, line breaks kept as CRLF, every other byte as `=XX`.
enum QuotedPrintable {
    static func encode(_ text: String) -> String {
        var output = ""
        // Lines split on LF; a CR before it is part of the break, not of the line.
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, line) in lines.enumerated() {
            if index > 0 { output += "\r\n" }
            var bytes = Array(line)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            output += encodeLine(bytes)
        }
        return output
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var output = ""
        var length = 0
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
                || ((byte == 32 || byte == 9) && !isLast)  // trailing white space is encoded
            let piece = literal ? String(UnicodeScalar(byte)) : "=" + hex(byte)
            // A soft break keeps lines to 76 characters, "=" included.
            if length + piece.count > (isLast ? 76 : 75) {
                output += "=\r\n"
                length = 0
            }
            output += piece
            length += piece.count
        }
        return output
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// Base64 in 76-character lines, for attachments.
enum Base64Lines {
    static func encode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 38 + 8)
        var column = 0
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
            let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
            output.append(alphabet[Int(b0 >> 2)])
            output.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            output.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            output.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            index += 3
            column += 4
            if column == 76, index < bytes.count {
                output += [13, 10]
                column = 0
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
