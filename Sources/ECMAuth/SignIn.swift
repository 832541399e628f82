import ECMDomain

/// Signing in with a login and a password, the same on every store: throttled per login and
/// per address, the same answer and the same work (one scrypt check) whether the login or the
/// password was wrong, and a session token shown once and kept hashed.
public enum SignIn {
    public static func signIn(
        _ store: any CredentialStore, login: String, password: String, address: String, policy: SessionPolicy, now: Timestamp = .now()
    ) async throws(BackendError) -> SessionGrant {
        let keys = SignInThrottle.keys(login: login, address: address)
        if let until = try await store.signInLock(keys: keys, now: now) {
            throw .tooManyAttempts(retryAfterSeconds: Int((until.milliseconds - now.milliseconds + 999) / 1000))
        }
        let credential = password.utf8.count <= PasswordHash.maximumBytes
            ? try await store.credential(login: LoginName.normalized(login)) : nil
        let usable = credential.flatMap { $0.disabled ? nil : $0.passwordHash }
        let matches = await offTheEventLoop { PasswordHash.verify(password, against: usable ?? PasswordHash.decoy) }
        guard matches, usable != nil, let account = credential?.account else {
            try await store.recordSignInFailure(keys: keys, now: now)
            throw .invalidLogin
        }
        try await store.clearSignInFailures(keys: [keys[0]])
        let token = APIToken.generate()
        // The session starts when it is made, after the check's tens of milliseconds.
        let created = Timestamp.now()
        let expiresAt = Timestamp(milliseconds: created.milliseconds + policy.lifetimeMilliseconds)
        try await store.createSession(userID: account.id, tokenHash: Array(APIToken.hash(token)), expiresAt: expiresAt, now: created)
        return SessionGrant(token: token, expiresAt: expiresAt, account: account)
    }

    /// A hash made off the event loop (tens of milliseconds of CPU).
    public static func hash(_ password: String) async throws(BackendError) -> String {
        let problems = PasswordHash.problems(password)
        guard problems.isEmpty else { throw .validation(problems) }
        guard let hash = await offTheEventLoop({ try? PasswordHash.make(password) }) else {
            throw .unavailable("Could not hash the password")
        }
        return hash
    }

    /// Runs CPU-heavy work on the global executor, not on the connection's event loop.
    private static func offTheEventLoop<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withTaskExecutorPreference(globalConcurrentExecutor) { work() }
    }
}
