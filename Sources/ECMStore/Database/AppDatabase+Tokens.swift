import ECMAuth
import ECMDomain
import Foundation
import GRDB

/// API tokens: random, shown once, stored only as SHA-256 hashes.
extension AppDatabase {
    /// Issues a new token for a user and returns it; only its hash is kept.
    public func issueToken(userID: Int64) throws(BackendError) -> String {
        let token = APIToken.generate()
        let hash = APIToken.hash(token)
        try writeNow { db in
            guard try Bool.fetchOne(db, cached: "SELECT 1 FROM users WHERE id = ?", arguments: [userID]) != nil else {
                throw BackendError.validation(["User must exist"])
            }
            try db.execute(
                cached: "INSERT INTO api_tokens (user_id, token_sha256, created_at) VALUES (?, ?, ?)",
                arguments: [userID, hash, Timestamp.now().milliseconds])
        }
        return token
    }

    /// The user a token belongs to, or nil when it is unknown or revoked.
    public func user(forToken token: String) async throws(BackendError) -> User? {
        guard token.utf8.count <= APIToken.maximumLength else { return nil }
        let hash = APIToken.hash(token)
        return try await read { db in
            try Row.fetchOne(
                db,
                cached: """
                    SELECT t.token_sha256, u.id, u.name FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_sha256 = ? AND t.revoked_at IS NULL
                    """,
                arguments: [hash],
                as: { row -> User? in
                    // The index found the row by hash; compare the whole hash without early exit anyway.
                    let stored: Data = row["token_sha256"]
                    guard APIToken.constantTimeEqual(stored, hash) else { return nil }
                    return User(id: row["id"], name: row["name"])
                }) ?? nil
        }
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
            try Row.fetchAll(
                db,
                sql: """
                    SELECT u.id, u.name,
                      (SELECT COUNT(*) FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL) AS active
                    FROM users u ORDER BY u.id
                    """
            ).map { UserTokens(user: User(id: $0["id"], name: $0["name"]), activeTokens: $0["active"]) }
        }
    }
}
