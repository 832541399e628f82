import ECMDomain
import Foundation
import GRDB

/// `Idempotency-Key`s in the SQLite store: checked and recorded inside a write's transaction
/// (SQLite runs one writer at a time, so two requests with one key cannot both pass the check).
enum IdempotencyKeys {
    /// Throws `.replayed` with the first answer when the user used the key within its retention
    /// for this same request, `.validation` when for another; returns when the key is new.
    static func replayIfUsed(_ db: Database, userID: Int64, _ write: IdempotentWrite) throws {
        let since = Timestamp.now().milliseconds - IdempotentWrite.retentionMilliseconds
        guard let (fingerprint, response) = try Row.fetchOne(
            db,
            cached: """
                SELECT fingerprint, response_status, response_location, response_etag, response_body
                FROM idempotency_keys WHERE user_id = ? AND key = ? AND created_at > ?
                """,
            arguments: [userID, write.key, since],
            as: { row -> (String, RecordedResponse) in
                let response = RecordedResponse(
                    status: row["response_status"], location: row["response_location"], etag: row["response_etag"],
                    body: [UInt8](row["response_body"] as Data))
                return (row["fingerprint"], response)
            })
        else { return }
        throw write.replay(storedFingerprint: fingerprint, response: response)
    }

    /// Records the key with the answer (replacing an expired use of it).
    static func record(_ db: Database, userID: Int64, _ write: IdempotentWrite, response: RecordedResponse) throws {
        try db.execute(
            cached: """
                INSERT OR REPLACE INTO idempotency_keys
                  (user_id, key, fingerprint, response_status, response_location, response_etag, response_body, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                userID, write.key, write.fingerprint, response.status, response.location, response.etag,
                Data(response.body), Timestamp.now().milliseconds,
            ])
    }
}

extension AppDatabase: IdempotencyStore {
    public func purgeIdempotencyKeys(recordedBefore cutoff: Timestamp) async throws(BackendError) -> Int {
        try await write { db in
            try db.execute(cached: "DELETE FROM idempotency_keys WHERE created_at < ?", arguments: [cutoff.milliseconds])
            return db.changesCount
        }
    }
}
