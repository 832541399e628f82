/// A write sent with an `Idempotency-Key` (an extension to the API): made at most once per user
/// and key. The store checks the key and records the answer in the write's own transaction, so a
/// client that lost the answer (a dropped connection, a timeout) can send the request again and
/// get the first answer instead of a second record.
public struct IdempotentWrite: Sendable {
    /// The client's key: 1 to 255 visible ASCII characters.
    public let key: String
    /// SHA-256 of what was asked (method, path, `If-Match`, body), in hex: the same key with a
    /// different request is refused.
    public let fingerprint: String
    private let respond: @Sendable (any Sendable) -> RecordedResponse?

    /// `respond` makes the answer from the write's result, inside its transaction.
    public init<Result: Sendable>(
        key: String, fingerprint: String, respond: @escaping @Sendable (Result) -> RecordedResponse
    ) {
        self.key = key
        self.fingerprint = fingerprint
        self.respond = { ($0 as? Result).map(respond) }
    }

    /// The answer to record for a write's result; `.unavailable` (rolling the write back) if the
    /// result is not what the route said it would answer with, which would be a defect.
    public func response(to result: any Sendable) throws(BackendError) -> RecordedResponse {
        guard let response = respond(result) else {
            throw .unavailable("Internal error: the write's result does not match its route")
        }
        return response
    }

    /// What a stored key (its fingerprint and answer) means for this request: the answer again,
    /// or a refusal when the key was used for something else.
    public func replay(storedFingerprint: String, response: RecordedResponse) -> BackendError {
        storedFingerprint == fingerprint ? .replayed(response) : .validation([Self.reusedKeyMessage])
    }

    /// Keys are kept this long, then forgotten (and may be used again).
    public static let retentionMilliseconds: Int64 = 30 * 24 * 60 * 60 * 1000

    public static let reusedKeyMessage = "Idempotency key was used for another request"
    public static let invalidKeyMessage = "Idempotency key must be 1 to 255 visible ASCII characters"

    /// Whether a header value can be a key.
    public static func isValidKey(_ key: String) -> Bool {
        (1...255).contains(key.utf8.count) && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
