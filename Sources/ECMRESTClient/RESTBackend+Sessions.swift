import ECMDomain
import Foundation

/// Signing in to a server with a login and a password, and signing out (extensions).
extension RESTBackend {
    /// A new session on the server `configuration` names (its token is not needed).
    public static func signIn(_ configuration: Configuration, login: String, password: String) async throws(BackendError) -> SessionGrant {
        var anonymous = configuration
        anonymous.token = ""
        anonymous.writeRetries = 0  // a sign-in is not idempotent: one try, one answer
        let backend = try RESTBackend(signingIn: anonymous)
        var body = JSONWriter()
        body.object { writer in
            writer.member("session", SignInFields(login: login, password: password))
        }
        let reply = try await backend.send(.POST, "/v1/clinic/sessions", json: Data(body.bytes))
        let decoded = try backend.decode(SessionEnvelope.self, reply)
        return SessionGrant(token: decoded.session.token, expiresAt: decoded.session.expiresAt, account: decoded.session.user)
    }

    /// Ends the session (or revokes the API token) this backend uses.
    public func signOut() async throws(BackendError) {
        _ = try await send(.DELETE, "/v1/clinic/sessions/current")
    }

    private struct SignInFields: JSONWritable {
        let login: String
        let password: String
        func writeJSON(to writer: inout JSONWriter) {
            writer.object { writer in
                writer.member("login", login)
                writer.member("password", password)
            }
        }
    }

    private struct SessionEnvelope: Decodable {
        struct Fields: Decodable {
            let token: String
            let expiresAt: Timestamp
            let user: Account
            enum CodingKeys: String, CodingKey {
                case token, user
                case expiresAt = "expires_at"
            }
        }
        let session: Fields
    }
}
