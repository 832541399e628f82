/// What the API answered to a write, kept with its `Idempotency-Key` so that the same request
/// sent again gets the same answer, byte for byte.
public struct RecordedResponse: Sendable, Hashable {
    public let status: Int
    /// The `Location` of a created record.
    public let location: String?
    /// The `ETag` of the record written.
    public let etag: String?
    /// The JSON body; empty for 204.
    public let body: [UInt8]

    public init(status: Int, location: String? = nil, etag: String? = nil, body: [UInt8]) {
        self.status = status
        self.location = location
        self.etag = etag
        self.body = body
    }
}
