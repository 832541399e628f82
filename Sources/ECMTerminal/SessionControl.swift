import ECMDomain

/// Signing in again from the locked UI, and dropping the session when it locks: what the UI
/// over a server needs from outside (the `ecm` command keeps the credentials file).
public protocol SessionControl: Sendable {
    /// Signs in and uses the new session from now on; returns who signed in.
    func signIn(login: String, password: String) async throws(BackendError) -> User
    /// Ends the session on the server (best effort) and forgets its token here.
    func endSession() async
}
