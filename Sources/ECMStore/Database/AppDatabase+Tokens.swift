import ECMAuth
import ECMDomain
import Foundation
import GRDB

/// API tokens: random, shown once, stored only as SHA-256 hashes.
extension AppDatabase {
    /// Issues a new API token for a user and returns it; only its hash is kept.
    public func issueToken(userID: Int64) throws(BackendError) -> String { try issueToken(userID: userID, expiresAt: nil) }

    /// Issues a new API token that stops working at `expiresAt` (when given).
    public func issueToken(userID: Int64, expiresAt: Timestamp?) throws(BackendError) -> String {
        let token = APIToken.generate()
        let hash = APIToken.hash(token)
        try writeNow { db in
            guard try Bool.fetchOne(db, cached: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) != nil else {
                throw BackendError.validation(["User must exist"])
            }
            try db.execute(
                cached: "INSERT INTO api_tokens (user_id, token_sha256, created_at, expires_at) VALUES (?, ?, ?, ?)",
                arguments: [userID, hash, Timestamp.now().milliseconds, expiresAt?.milliseconds])
        }
        return token
    }

    /// Revokes every token of a user; returns how many were active.
    @discardableResult
    public func revokeTokens(userID: Int64) throws(BackendError) -> Int {
        try writeNow { db in
            guard try Bool.fetchOne(db, cached: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) != nil else {
                throw BackendError.validation(["User must exist"])
            }
            try db.execute(
                cached: "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                arguments: [Timestamp.now().milliseconds, userID])
            return db.changesCount
        }
    }

    /// Every user with the number of active tokens, by id.
    public func usersWithTokenCounts() throws(BackendError) -> [UserTokens] {
        try readNow { db in
            let now = Timestamp.now().milliseconds
            return try Row.fetchAll(db, sql: SignInSQL.usersWithTokens, arguments: [now]).map(Self.userTokens)
        }
    }
}
