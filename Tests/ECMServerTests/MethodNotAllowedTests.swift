import ECMDomain
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// A known path asked with a method it does not serve is 405 with `Allow` (it was 404, as if
/// the path did not exist); HEAD is served wherever GET is. Unknown paths stay 404.
struct MethodNotAllowedTests {
    @Test(arguments: TestAPI.stores) func unservedMethodsAre405WithAllow(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.post, "/health", "GET, HEAD"),
                (.delete, "/openapi.json", "GET, HEAD"),
                (.init("TRACE")!, "/v1/clinic/me", "GET, HEAD"),
                (.put, "/v1/clinic/ecm/activities", "GET, HEAD"),
                (.delete, "/v1/clinic/ecm/patients/123/activities", "GET, HEAD, POST"),
                (.post, "/v1/clinic/ecm/patients/abc/activities/1", "GET, HEAD, PUT, PATCH, DELETE"),
                (.options, "/v1/clinic/ecm/patients/123/activities/1/comments", "GET, HEAD, POST"),
                (.init("QUERY")!, "/v1/clinic/users/", "GET, HEAD"),
            ]
            for (method, uri, allow) in cases {
                // Without a token too: the method is refused before authentication.
                let reply = try await client.send(method, uri, token: .some(nil))
                #expect(reply.status == .methodNotAllowed, "\(method) \(uri)")
                #expect(reply.headers[.allow] == allow, "\(method) \(uri)")
                #expect(reply.errors == ["Method not allowed"], "\(method) \(uri)")
            }
            for uri in ["/v1/clinic/nothing-here", "/v1/clinic/ecm/patients/123/activities/1/extra", "/"] {
                let reply = try await client.send(.delete, uri)
                #expect(reply.status == .notFound, "\(uri)")
                #expect(reply.errors == ["Not found"], "\(uri)")
            }
        }
    }

    @Test(arguments: TestAPI.stores) func headIsServedWhereverGetIs(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let health = try await client.send(.head, "/health")
            #expect(health.status == .ok)
            #expect(health.text.isEmpty)
            #expect(try await client.send(.head, "/v1/clinic/me", token: .some(nil)).status == .unauthorized)
            let created = try await client.send(.post, "/v1/clinic/ecm/patients/123/activities", body: SpecExamples.createTaskRequest)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let head = try await client.send(.head, "/v1/clinic/ecm/patients/123/activities/\(id)")
            #expect(head.status == .ok)
            #expect(head.headers[.eTag] == "\"1\"")
            #expect(head.text.isEmpty)
        }
    }
}
