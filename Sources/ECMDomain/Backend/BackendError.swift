/// Everything a backend can answer instead of a result, whether it is a local store or a
/// server across a network. `messages` is the API's `errors` array for each case.
public enum BackendError: Error, Hashable, Sendable {
    case patientNotFound
    case activityNotFound
    /// A user an administrator names who is not in their clinic (extension `/v1/admin/users`).
    case userNotFound
    /// A saved view that is not the caller's nor shared in their clinic (extension `/v1/clinic/views`).
    case viewNotFound
    /// A PRTF report that is not the administrator's clinic's (extension `/v1/admin/clinic/ecm/prtf_reports`).
    case reportNotFound
    /// A request the domain rejects; Rails full messages, all of them, in a stable order.
    case validation([String])
    /// No acting user, or a token that is missing, wrong or revoked.
    case unauthorized
    /// The acting user named for a local store (`--as`, `ECM_USER`) does not exist.
    case unknownUser(Int64)
    /// The activity changed since it was read (a stale `If-Match`).
    case conflict
    /// The request itself is malformed (not JSON, no `activity` object).
    case badRequest(String)
    /// The backend cannot be reached or cannot serve (unreachable server, unusable store file).
    case unavailable(String)
    /// A write already made under the request's `Idempotency-Key`: nothing was written again,
    /// and this is what the first request was answered.
    case replayed(RecordedResponse)
    /// A session past its idle time or lifetime (or an API token past its expiry): sign in again.
    case sessionExpired
    /// A sign-in whose login or password is wrong: the same answer for either.
    case invalidLogin
    /// Sign-in locked for a login or an address after repeated failures, for this many seconds.
    case tooManyAttempts(retryAfterSeconds: Int)
    /// The acting user's role may not do this.
    case forbidden

    public var messages: [String] {
        switch self {
        case .patientNotFound: ["Patient not found"]
        case .activityNotFound: ["Activity not found"]
        case .userNotFound: ["User not found"]
        case .viewNotFound: ["View not found"]
        case .reportNotFound: ["Report not found"]
        case .validation(let messages): messages
        case .unauthorized: ["Unauthorized"]
        case .unknownUser(let id): ["No user \(id)"]
        case .conflict: ["Activity has been changed by someone else"]
        case .badRequest(let message): [message]
        case .unavailable(let message): [message]
        case .replayed: []
        case .sessionExpired: ["Session expired"]
        case .invalidLogin: ["Invalid login or password"]
        case .tooManyAttempts(let seconds): ["Too many failed sign-ins; try again in \(seconds) seconds"]
        case .forbidden: ["Forbidden"]
        }
    }
}

extension BackendError {
    /// What a store that cannot serve right now answers (the server: 503 with `Retry-After`).
    public static let serviceUnavailableMessage = "Service unavailable"
}

extension BackendError: CustomStringConvertible {
    public var description: String { messages.joined(separator: "; ") }
}
