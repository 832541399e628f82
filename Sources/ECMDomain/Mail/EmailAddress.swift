/// The one address an email activity is sent to (`email_to`): `local@domain`, as a mail server
/// accepts it in `RCPT TO` and a `To:` header carries it without quoting or encoding.
///
/// Deliberately narrower than RFC 5322: no display name, no comments, no quoted local part, no
/// address literal, ASCII only (internationalised addresses need SMTPUTF8 end to end). What it
/// accepts can never smuggle a header (no CR, LF or other control character, no space, no
/// `<`, `>` or `,`). The spec's example `[email protected]` — a web page's address
/// obfuscation left in the text — is not an address.
public enum EmailAddress {
    /// The longest address SMTP carries (RFC 5321's path limit less the angle brackets).
    public static let maximumLength = 254

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumLength, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        return isLocalPart(bytes[..<at]) && isDomain(bytes[(at + 1)...])
    }

    /// Dot-separated runs of RFC 5322 `atext`, at most 64 bytes.
    private static func isLocalPart(_ part: ArraySlice<UInt8>) -> Bool {
        guard !part.isEmpty, part.count <= 64 else { return false }
        return part.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { atom in
            !atom.isEmpty && atom.allSatisfy(isAtext)
        }
    }

    /// Two or more labels of letters, digits and inner hyphens, each at most 63 bytes; the last
    /// not all digits (that would be an IP address, which needs brackets).
    private static func isDomain(_ part: ArraySlice<UInt8>) -> Bool {
        guard part.count <= 253 else { return false }
        let labels = part.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, !last.allSatisfy(isDigit) else { return false }
        return labels.allSatisfy { label in
            guard let first = label.first, let end = label.last, label.count <= 63 else { return false }
            return first != UInt8(ascii: "-") && end != UInt8(ascii: "-")
                && label.allSatisfy { isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "-") }
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// RFC 5322 `atext`: letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    private static func isAtext(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || "!#$%&'*+-/=?^_`{|}~".utf8.contains(byte)
    }
}
