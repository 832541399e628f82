/// Guessing passwords is slowed per login and per address: after 5 failures within an hour,
/// each further failure locks sign-in for that key for 30 s, doubling up to an hour.
public enum SignInThrottle {
    public static let freeFailures = 5
    public static let windowMilliseconds: Int64 = 3_600_000
    public static let firstLockMilliseconds: Int64 = 30_000
    public static let longestLockMilliseconds: Int64 = 3_600_000

    /// The keys a sign-in is counted under.
    public static func keys(login: String, address: String) -> [String] {
        ["login:" + LoginName.normalized(login), "address:" + address]
    }

    /// Failures so far for a key after one more at `now`, the previous count `failures` having
    /// last grown at `lastFailureAt` (older than the window: counting starts again).
    public static func failures(after failures: Int, lastFailureAt: Int64?, now: Int64) -> Int {
        guard let lastFailureAt, now - lastFailureAt < windowMilliseconds else { return 1 }
        return failures + 1
    }

    /// Until when sign-in is locked after `failures` failures, if it is.
    public static func lockedUntil(failures: Int, now: Int64) -> Int64? {
        guard failures >= freeFailures else { return nil }
        let doublings = min(failures - freeFailures, 20)
        return now + min(firstLockMilliseconds << doublings, longestLockMilliseconds)
    }
}

/// The primitives sign-in needs from a store; `SignIn` (ECMAuth) is the one logic over them.
public protocol CredentialStore: Sendable {
    /// The account with this login and its password hash; nil when there is none. `usable` is
    /// false for a disabled user or one without a password.
    func credential(login: String) async throws(BackendError) -> (account: Account, passwordHash: String?, disabled: Bool)?
    /// The latest time any of `keys` is locked until, if later than `now`.
    func signInLock(keys: [String], now: Timestamp) async throws(BackendError) -> Timestamp?
    /// Counts a failure under each key (`SignInThrottle`).
    func recordSignInFailure(keys: [String], now: Timestamp) async throws(BackendError)
    func clearSignInFailures(keys: [String]) async throws(BackendError)
    /// Keeps a new session token's hash.
    func createSession(userID: Int64, tokenHash: [UInt8], expiresAt: Timestamp, now: Timestamp) async throws(BackendError)
}
