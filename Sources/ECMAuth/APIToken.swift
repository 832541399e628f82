import Crypto
import Foundation

/// API tokens: 256 random bits, shown once, kept by every store only as a SHA-256 hash.
public enum APIToken {
    /// A new token: `ecm_` and 64 hex digits, from the system's secure generator (getrandom).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return "ecm_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    /// What a store keeps of a token.
    public static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// Longer than any token ecm issues: such a token is unknown without hashing it.
    public static let maximumLength = 200

    /// Compares two hashes without an early exit.
    public static func constantTimeEqual(_ a: Data, _ b: Data) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
