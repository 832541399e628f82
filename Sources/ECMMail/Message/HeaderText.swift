import Foundation

/// Text that goes into a header: never a line break (no header can be smuggled), ASCII as it is,
/// anything else as RFC 2047 encoded words.
enum HeaderText {
    /// An unstructured header's value (`Subject`): plain when it is short printable ASCII, else
    /// `=?UTF-8?B?…?=` words of at most 45 bytes each (never splitting a character), folded.
    static func unstructured(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { $0 == "\r" || $0 == "\n" || $0 == "\t" ? " " : Character($0) })
        if flat.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }), flat.utf8.count <= 60, !flat.contains("=?") { return flat }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in flat {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    /// A display name in `From`: a quoted string when printable ASCII, else encoded words.
    static func displayName(_ name: String) -> String {
        let flat = name.filter { $0 != "\r" && $0 != "\n" }
        if flat.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) {
            return "\"" + flat.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return unstructured(flat)
    }

    /// A file name for `Content-Disposition`: `filename="…"` for plain ASCII, else RFC 2231's
    /// `filename*=UTF-8''…`.
    static func fileNameParameter(_ name: String) -> String {
        let safe = name.filter { $0 != "\r" && $0 != "\n" && $0 != "\"" && $0 != "\\" }
        if safe.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return "filename=\"\(safe)\"" }
        var encoded = ""
        for byte in safe.utf8 {
            if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || "-._~".utf8.contains(byte) {
                encoded.append(Character(UnicodeScalar(byte)))
            } else {
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return "filename*=UTF-8''\(encoded)"
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Base64Lines.encode(bytes) + "?="
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
