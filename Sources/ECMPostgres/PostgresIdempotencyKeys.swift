import ECMDomain
import Logging
import NIOCore
import PostgresNIO

/// `Idempotency-Key`s in the PostgreSQL store, checked and recorded inside a write's
/// transaction. A transaction-scoped advisory lock on the user and key makes a second request
/// with the same key wait for the first to commit, then find its answer: one write, not two.
enum PostgresIdempotencyKeys {
    static func replayIfUsed(_ connection: PostgresConnection, userID: Int64, _ write: IdempotentWrite, logger: Logger) async throws {
        let key = write.key
        try await connection.query(
            "SELECT pg_advisory_xact_lock(hashtextextended(\(String(userID)) || ':' || \(key), 0))", logger: logger)
        let since = Timestamp.now().milliseconds - IdempotentWrite.retentionMilliseconds
        guard let row = try await connection.row(
            """
            SELECT fingerprint, response_status, response_location, response_etag, response_body
            FROM idempotency_keys WHERE user_id = \(userID) AND key = \(key) AND created_at > \(since)
            """, logger: logger)
        else { return }
        let body = try row[4].decode(ByteBuffer.self)
        let response = RecordedResponse(
            status: Int(try row[1].decode(Int32.self)), location: try row[2].decode(String?.self),
            etag: try row[3].decode(String?.self), body: Array(body.readableBytesView))
        throw write.replay(storedFingerprint: try row[0].decode(String.self), response: response)
    }

    /// Records the key with the answer (replacing an expired use of it).
    static func record(
        _ connection: PostgresConnection, userID: Int64, _ write: IdempotentWrite, response: RecordedResponse, logger: Logger
    ) async throws {
        let key = write.key
        let fingerprint = write.fingerprint
        let status = Int32(response.status)
        let location = response.location
        let etag = response.etag
        let body = ByteBuffer(bytes: response.body)
        let now = Timestamp.now().milliseconds
        try await connection.query(
            """
            INSERT INTO idempotency_keys
              (user_id, key, fingerprint, response_status, response_location, response_etag, response_body, created_at)
            VALUES (\(userID), \(key), \(fingerprint), \(status), \(location), \(etag), \(body), \(now))
            ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint,
              response_status = EXCLUDED.response_status, response_location = EXCLUDED.response_location,
              response_etag = EXCLUDED.response_etag, response_body = EXCLUDED.response_body,
              created_at = EXCLUDED.created_at
            """, logger: logger)
    }
}

extension PostgresStore: IdempotencyStore {
    public func purgeIdempotencyKeys(recordedBefore cutoff: Timestamp) async throws(BackendError) -> Int {
        let logger = logger
        let cutoff = cutoff.milliseconds
        return try await transaction { connection in
            let deleted = try await connection.query(
                "DELETE FROM idempotency_keys WHERE created_at < \(cutoff) RETURNING 1", logger: logger)
            var count = 0
            for try await _ in deleted { count += 1 }
            return count
        }
    }
}
