import Crypto
import ECMDomain
import Foundation
import _CryptoExtras

/// Passwords, kept only as scrypt hashes (memory-hard: 2^15 rounds × 8 × 128 bytes = 32 MiB
/// per check), in one self-describing string: `scrypt$N$r$p$salt$hash` (base64), so the cost can
/// grow later without invalidating what is stored. Never logged; compared in constant time.
public enum PasswordHash {
    public struct Parameters: Sendable, Hashable {
        public var rounds: Int
        public var blockSize: Int
        public var parallelism: Int
        public init(rounds: Int, blockSize: Int, parallelism: Int) {
            self.rounds = rounds
            self.blockSize = blockSize
            self.parallelism = parallelism
        }
        public static let standard = Parameters(rounds: 1 << 15, blockSize: 8, parallelism: 1)
    }

    /// At most 1,024 bytes (longer is refused as a denial of service): `PasswordRules`.
    public static let maximumBytes = PasswordRules.maximumBytes

    /// A new hash of `password` with a fresh 16-byte salt.
    public static func make(_ password: String, parameters: Parameters = .standard) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let key = try derive(password, salt: salt, parameters: parameters)
        return ["scrypt", String(parameters.rounds), String(parameters.blockSize), String(parameters.parallelism),
                Data(salt).base64EncodedString(), Data(key).base64EncodedString()].joined(separator: "$")
    }

    /// Whether `password` is the one `stored` was made from. A malformed `stored` never matches.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt", let rounds = Int(parts[1]), let blockSize = Int(parts[2]),
            let parallelism = Int(parts[3]), (2...(1 << 20)).contains(rounds), (1...32).contains(blockSize), (1...16).contains(parallelism),
            let salt = Data(base64Encoded: String(parts[4])), let expected = Data(base64Encoded: String(parts[5])), !expected.isEmpty,
            password.utf8.count <= maximumBytes
        else { return false }
        let parameters = Parameters(rounds: rounds, blockSize: blockSize, parallelism: parallelism)
        guard let key = try? derive(password, salt: Array(salt), parameters: parameters, length: expected.count) else { return false }
        return APIToken.constantTimeEqual(Data(key), expected)
    }

    /// A hash checked when there is no account, so that an unknown login costs the same time
    /// as a wrong password.
    public static let decoy: String = (try? make("decoy password that matches nothing")) ?? "scrypt$32768$8$1$AAAA$AAAA"

    /// The messages for a password that cannot be set.
    public static func problems(_ password: String) -> [String] { PasswordRules.messages(for: password) }

    private static func derive(_ password: String, salt: [UInt8], parameters: Parameters, length: Int = 32) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: length, rounds: parameters.rounds,
            blockSize: parameters.blockSize, parallelism: parameters.parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
