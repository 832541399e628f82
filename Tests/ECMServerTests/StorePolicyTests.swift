import ECMDomain
import ECMServer
import Testing

/// `GET /v1/clinic/policy` (extension) on both stores: what the operator set with `ecm-server
/// policy`, to every signed-in client; no policy without a token.
struct StorePolicyTests {
    @Test(arguments: TestAPI.stores) func clientsReadWhatTheOperatorSet(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let trail = api.store
        try await api.run { client in
            let initial = try await client.send(.get, "/v1/clinic/policy")
            #expect(initial.status == .ok && initial.text == #"{"policy":{"idle_lock_optional":false}}"#, "\(initial.text)")
            try await trail.setStorePolicy(StorePolicy(idleLockOptional: true))
            let changed = try await client.send(.get, "/v1/clinic/policy")
            #expect(changed.text == #"{"policy":{"idle_lock_optional":true}}"#)
            #expect(try await trail.backend(actingAs: User(id: 456, name: "Jane Coordinator")).policy() == StorePolicy(idleLockOptional: true))
            let anonymous = try await client.send(.get, "/v1/clinic/policy", token: .some(nil))
            #expect(anonymous.status == .unauthorized && anonymous.errors == ["Unauthorized"])
        }
    }
}
