import ECMAuth
import ECMDomain
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// Signing in with a login and a password (an extension), on both stores: sessions that end
/// when idle or at their lifetime, sign-out, throttled guessing, disabled users.
struct SessionTests {
    static let password = "correct horse battery staple"
    static let token = HTTPField.Name("X-User-Token")!

    /// Jane (456) signs in as `jane` with `password`.
    static func withLogin(_ store: TestAPI.Store) async throws -> TestAPI {
        let api = try await TestAPI(store)
        _ = try await api.store.configureAccount(userID: 456, login: "Jane", role: nil)
        try await api.store.setPasswordHash(userID: 456, hash: try cheapHash(password))
        return api
    }

    /// A hash with a small scrypt cost (stored hashes carry their cost), so that the tests'
    /// sign-ins do not load the machine for the timing of others; `PasswordHash`'s own tests
    /// and the CLI's use the standard cost.
    static func cheapHash(_ password: String) throws -> String {
        try PasswordHash.make(password, parameters: .init(rounds: 1 << 10, blockSize: 8, parallelism: 1))
    }

    static func signIn(_ client: TestAPI.Client, login: String = "jane", password: String = SessionTests.password) async throws -> TestAPI.Reply {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: ["session": ["login": login, "password": password]]), as: UTF8.self)
        return try await client.send(.post, "/v1/clinic/sessions", body: body, token: .some(nil))
    }

    static func sessionToken(_ reply: TestAPI.Reply) -> String? {
        (reply.json["session"] as? [String: Any])?["token"] as? String
    }

    @Test(arguments: TestAPI.stores) func aSignInGivesASessionThatWorksUntilSignOut(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        try await api.run { client in
            let reply = try await Self.signIn(client, login: "  JANE ")
            #expect(reply.status == .created, "\(reply.text)")
            let session = try #require(reply.json["session"] as? [String: Any])
            let token = try #require(session["token"] as? String)
            #expect(token.hasPrefix("ecm_") && token.count == 68)
            let user = try #require(session["user"] as? [String: Any])
            #expect(user["id"] as? Int == 456 && user["name"] as? String == "Jane Coordinator")
            #expect(user["login"] as? String == "jane" && user["role"] as? String == "coordinator")
            let expires = try #require((session["expires_at"] as? String).flatMap(Timestamp.init(iso8601:)))
            let hours = Double(expires.milliseconds - Timestamp.now().milliseconds) / 3_600_000
            #expect(hours > 11.9 && hours <= 12)
            #expect(try await client.send(.get, "/v1/clinic/ecm/patients", token: token).status == .ok)
            #expect(try await client.send(.delete, "/v1/clinic/sessions/current", token: token).status == .noContent)
            let after = try await client.send(.get, "/v1/clinic/ecm/patients", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.errors == ["Unauthorized"])
            // The API token Jane had is untouched, and a sign-out with it ends nothing.
            #expect(try await client.send(.get, "/v1/clinic/ecm/patients").status == .ok)
            let apiSignOut = try await client.send(.delete, "/v1/clinic/sessions/current")
            #expect(apiSignOut.status == .unprocessableContent)
            #expect(apiSignOut.errors == ["Only a signed-in session can be ended; an API token is revoked with ecm-server users revoke"])
            #expect(try await client.send(.get, "/v1/clinic/ecm/patients").status == .ok)
        }
    }

    @Test(arguments: TestAPI.stores) func aWrongPasswordAndAnUnknownLoginGetTheSameAnswer(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        try await api.run { client in
            let wrong = try await Self.signIn(client, password: "not the password at all")
            let unknown = try await Self.signIn(client, login: "nobody")
            let noPasswordSet = try await Self.signIn(client, login: "bob")
            for reply in [wrong, unknown, noPasswordSet] {
                #expect(reply.status == .unauthorized)
                #expect(reply.text == #"{"errors":["Invalid login or password"]}"#)
            }
            let missing = try await client.send(.post, "/v1/clinic/sessions", body: #"{"session": {"login": "jane"}}"#, token: .some(nil))
            #expect(missing.status == .unauthorized)
            let malformed = try await client.send(.post, "/v1/clinic/sessions", body: #"{"login": "jane"}"#, token: .some(nil))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errors == ["param is missing or the value is empty: session"])
        }
    }

    @Test(arguments: TestAPI.stores) func fiveFailuresLockTheLoginAndTheAddressWithRetryAfter(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        try await api.run { client in
            for _ in 0..<4 { #expect(try await Self.signIn(client, password: "wrong password here").status == .unauthorized) }
            // The fifth failure locks: from now on even the right password waits.
            #expect(try await Self.signIn(client, password: "wrong password here").status == .unauthorized)
            let locked = try await Self.signIn(client)
            #expect(locked.status == .tooManyRequests)
            let seconds = try #require(locked.headers[.retryAfter].flatMap { Int($0) })
            #expect((1...30).contains(seconds))
            #expect(locked.errors == ["Too many failed sign-ins; try again in \(seconds) seconds"])
            // The address is locked too: another login from it waits as well.
            #expect(try await Self.signIn(client, login: "bob").status == .tooManyRequests)
            #expect(Self.sessionToken(locked) == nil)
        }
    }

    /// Idle time and lifetime, judged at chosen moments (a loaded test machine can hold a task
    /// for seconds, so wall-clock sleeps would test the scheduler, not the rule).
    @Test(arguments: TestAPI.stores) func aSessionEndsWhenIdleAndAtItsLifetime(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        defer { api.remove() }
        let policy = SessionPolicy(idleTimeoutMilliseconds: 3_000, lifetimeMilliseconds: 10_000)
        let grant = try await api.store.signIn(login: "jane", password: Self.password, address: "192.0.2.1", policy: policy)
        let start = grant.expiresAt.milliseconds - policy.lifetimeMilliseconds
        func check(after milliseconds: Int64) async throws -> TokenCheck {
            try await api.store.authenticate(token: grant.token, policy: policy, now: Timestamp(milliseconds: start + milliseconds))
        }
        let jane = Account(id: 456, name: "Jane Coordinator", login: "jane", role: .coordinator)
        // Used every 2 s (each use written: more than a quarter of the idle time apart), it
        // stays open well past 3 s; the lifetime ends it at 10 s however busy.
        for second in stride(from: 2, through: 8, by: 2) { #expect(try await check(after: Int64(second) * 1000) == .valid(jane)) }
        #expect(try await check(after: 10_000) == .expired)
        // Left alone for 3 s after its last use, it has expired.
        let idle = try await api.store.signIn(login: "jane", password: Self.password, address: "192.0.2.1", policy: policy)
        let idleStart = idle.expiresAt.milliseconds - policy.lifetimeMilliseconds
        #expect(try await api.store.authenticate(token: idle.token, policy: policy, now: Timestamp(milliseconds: idleStart + 2_900)) == .valid(jane))
        #expect(try await api.store.authenticate(token: idle.token, policy: policy, now: Timestamp(milliseconds: idleStart + 5_800)) == .valid(jane))
        #expect(try await api.store.authenticate(token: idle.token, policy: policy, now: Timestamp(milliseconds: idleStart + 8_900)) == .expired)
        // A use less than a quarter of the idle time after the last is not written (no write per
        // request), so it does not move the idle deadline.
        let quiet = try await api.store.signIn(login: "jane", password: Self.password, address: "192.0.2.1", policy: policy)
        let quietStart = quiet.expiresAt.milliseconds - policy.lifetimeMilliseconds
        #expect(try await api.store.authenticate(token: quiet.token, policy: policy, now: Timestamp(milliseconds: quietStart + 500)) == .valid(jane))
        #expect(try await api.store.authenticate(token: quiet.token, policy: policy, now: Timestamp(milliseconds: quietStart + 3_100)) == .expired)
    }

    @Test(arguments: TestAPI.stores) func anExpiredSessionIsAnsweredSessionExpired(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        try await api.run(sessions: SessionPolicy(idleTimeoutMilliseconds: 60_000, lifetimeMilliseconds: 1)) { client in
            let token = try #require(Self.sessionToken(try await Self.signIn(client)))
            try await Task.sleep(for: .milliseconds(5))
            let reply = try await client.send(.get, "/v1/clinic/ecm/patients", token: token)
            #expect(reply.status == .unauthorized)
            #expect(reply.text == #"{"errors":["Session expired"]}"#)
        }
    }

    @Test(arguments: TestAPI.stores) func disablingAUserOrChangingTheirPasswordEndsWhatTheyHeld(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        let keys = api.store
        try await api.run { client in
            let first = try #require(Self.sessionToken(try await Self.signIn(client)))
            try await keys.setPasswordHash(userID: 456, hash: try Self.cheapHash("another long password"))
            #expect(try await client.send(.get, "/v1/clinic/ecm/patients", token: first).status == .unauthorized)
            #expect(try await Self.signIn(client).status == .unauthorized)
            let second = try #require(Self.sessionToken(try await Self.signIn(client, password: "another long password")))
            try await keys.disableUser(id: 456)
            #expect(try await client.send(.get, "/v1/clinic/ecm/patients", token: second).status == .unauthorized)
            #expect(try await client.send(.get, "/v1/clinic/ecm/patients").status == .unauthorized)
            #expect(try await Self.signIn(client, password: "another long password").text == #"{"errors":["Invalid login or password"]}"#)
        }
    }

    @Test(arguments: TestAPI.stores) func anAPITokenMayExpireAndRolesAndLoginsAreKept(_ store: TestAPI.Store) async throws {
        let api = try await Self.withLogin(store)
        let keys = api.store
        let admin = try await keys.configureAccount(userID: 789, login: "bob.m", role: .admin)
        #expect(admin == Account(id: 789, name: "Bob Manager", login: "bob.m", role: .admin))
        await #expect(throws: BackendError.validation(["Login has already been taken"])) {
            _ = try await keys.configureAccount(userID: 789, login: "JANE", role: nil)
        }
        await #expect(throws: BackendError.validation(["Login must be 1 to 64 of a-z, 0-9, '.', '_', '@' and '-'"])) {
            _ = try await keys.configureAccount(userID: 789, login: "bob manager", role: nil)
        }
        await #expect(throws: BackendError.validation(["Password is too short (minimum is 12 characters)"])) {
            _ = try await SignIn.hash("short")
        }
        let listed = try await keys.usersWithTokenCounts()
        #expect(listed.map(\.login) == ["jane", "bob.m"])
        #expect(listed.map(\.role) == [.coordinator, .admin])
        // One token before its expiry, one past it: no race with a loaded machine's clock.
        let now = Timestamp.now().milliseconds
        let valid = try await keys.issueToken(userID: 789, expiresAt: Timestamp(milliseconds: now + 3_600_000))
        let expired = try await keys.issueToken(userID: 789, expiresAt: Timestamp(milliseconds: now - 1))
        try await api.run { client in
            let before = try await client.send(.get, "/v1/clinic/ecm/patients", token: valid)
            let after = try await client.send(.get, "/v1/clinic/ecm/patients", token: expired)
            #expect(before.status == .ok)
            #expect(after.errors == ["Session expired"])
        }
    }
}

/// The throttle's schedule: free failures, then a lock that doubles to an hour; a quiet hour
/// starts the count again.
struct SignInThrottleTests {
    @Test func locksGrowFromThirtySecondsToAnHour() {
        let now: Int64 = 1_000_000
        #expect((1...4).allSatisfy { SignInThrottle.lockedUntil(failures: $0, now: now) == nil })
        #expect(SignInThrottle.lockedUntil(failures: 5, now: now) == now + 30_000)
        #expect(SignInThrottle.lockedUntil(failures: 6, now: now) == now + 60_000)
        #expect(SignInThrottle.lockedUntil(failures: 12, now: now) == now + 3_600_000)
        #expect(SignInThrottle.lockedUntil(failures: 500, now: now) == now + 3_600_000)
        #expect(SignInThrottle.failures(after: 4, lastFailureAt: now - 1_000, now: now) == 5)
        #expect(SignInThrottle.failures(after: 9, lastFailureAt: now - 3_600_000, now: now) == 1)
        #expect(SignInThrottle.failures(after: 0, lastFailureAt: nil, now: now) == 1)
    }

    @Test func passwordsVerifyOnlyAgainstTheirOwnHash() throws {
        let hash = try PasswordHash.make("correct horse battery staple", parameters: .init(rounds: 1 << 10, blockSize: 8, parallelism: 1))
        #expect(hash.hasPrefix("scrypt$1024$8$1$"))
        #expect(PasswordHash.verify("correct horse battery staple", against: hash))
        #expect(!PasswordHash.verify("correct horse battery stapl", against: hash))
        #expect(!PasswordHash.verify("anything", against: "not a hash"))
        #expect(!PasswordHash.verify("correct horse battery staple", against: PasswordHash.decoy))
        #expect(try PasswordHash.make("same") != PasswordHash.make("same"), "each hash has its own salt")
    }
}
