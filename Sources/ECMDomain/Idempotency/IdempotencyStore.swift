/// Forgetting `Idempotency-Key`s past their retention; the server's maintenance service calls it.
public protocol IdempotencyStore: Sendable {
    /// Deletes the keys recorded before `cutoff`; returns how many.
    func purgeIdempotencyKeys(recordedBefore cutoff: Timestamp) async throws(BackendError) -> Int
}
