import ECMServer
import Foundation
import HTTPTypes
import Testing

/// The embedded OpenAPI document describes every route the router serves, with its security.
struct OpenAPIDocumentTests {
    /// Every route of the router, with its methods (HEAD, generated for GET, left out).
    static let routes: [String: Set<String>] = [
        "/v1/clinic/ecm/patients/{patient_id}/activities": ["get", "post"],
        "/v1/clinic/ecm/patients/{patient_id}/activities/{id}": ["get", "put", "patch", "delete"],
        "/v1/clinic/ecm/patients/{patient_id}/activities/{id}/comments": ["get", "post"],
        "/v1/clinic/ecm/patients": ["get", "post"],
        "/v1/clinic/ecm/patients/{patient_id}": ["get", "put", "patch"],
        "/v1/clinic/ecm/patients/{patient_id}/events": ["get"],
        "/v1/clinic/ecm/activities": ["get"],
        "/v1/clinic/users": ["get"],
        "/v1/clinic/me": ["get"],
        "/v1/clinic/ecm/email_deliveries": ["get"],
        "/v1/clinic/ecm/email_deliveries/{activity_id}/retry": ["post"],
        "/v1/clinic/sessions": ["post"],
        "/v1/clinic/sessions/current": ["delete"],
        "/v1/clinic/policy": ["get"],
        "/v1/admin/audit": ["get"],
        "/v1/admin/users": ["get", "post"],
        "/v1/admin/users/{id}": ["get", "put", "patch"],
        "/v1/clinic/views": ["get", "post"],
        "/v1/clinic/views/{id}": ["put", "patch", "delete"],
        "/v1/clinic/queue_seen": ["get", "put"],
        "/v1/admin/clinic/ecm/prtf_reports": ["get", "post"],
        "/v1/admin/clinic/ecm/prtf_reports/{id}": ["get"],
        "/v1/admin/clinic/ecm/prtf_reports/{id}/download": ["get"],
        "/openapi.json": ["get"],
        "/health": ["get"],
    ]
    /// Reached without a token (signing in is how one gets one).
    static let unauthenticated: Set<String> = ["/openapi.json", "/health", "/v1/clinic/sessions"]
    static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    let document: [String: Any]
    var paths: [String: [String: Any]] { document["paths"] as? [String: [String: Any]] ?? [:] }

    init() throws {
        document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
    }

    @Test func isOpenAPI31() {
        #expect(document["openapi"] as? String == "3.1.0")
        let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: [String: String]]
        #expect(schemes?["UserToken"] == ["type": "apiKey", "in": "header", "name": "X-User-Token",
                                          "description": schemes?["UserToken"]?["description"] ?? ""])
    }

    @Test func everyRouteIsDocumentedWithItsMethods() {
        #expect(Set(paths.keys) == Set(Self.routes.keys))
        for (path, methods) in Self.routes {
            let documented = Set((paths[path] ?? [:]).keys).intersection(Self.methods)
            #expect(documented == methods, "\(path)")
        }
    }

    @Test func everyOperationDeclaresTheTokenExceptOpenAPIAndHealth() {
        for (path, item) in paths {
            for (method, value) in item where Self.methods.contains(method) {
                let security = (value as? [String: Any])?["security"] as? [[String: [String]]]
                if Self.unauthenticated.contains(path) {
                    #expect(security?.isEmpty == true, "\(method) \(path)")
                } else {
                    #expect(security == [["UserToken": []]], "\(method) \(path)")
                    let responses = (value as? [String: Any])?["responses"] as? [String: Any]
                    #expect(responses?["401"] != nil, "\(method) \(path)")
                }
            }
        }
    }

    /// The router agrees with the list: asked with OPTIONS (served nowhere), each path answers
    /// 405 naming the methods it serves.
    @Test func theRouterServesExactlyTheDocumentedMethods() async throws {
        let api = try await TestAPI()
        try await api.run { client in
            for (path, methods) in Self.routes {
                let uri = path.replacingOccurrences(of: "{patient_id}", with: "123").replacingOccurrences(of: "{id}", with: "1")
                let reply = try await client.send(.options, uri)
                #expect(reply.status == .methodNotAllowed, "\(path)")
                let allowed = Set((reply.headers[.allow] ?? "").split(separator: ",").map {
                    $0.trimmingCharacters(in: .whitespaces).lowercased()
                })
                #expect(allowed.subtracting(["head"]) == methods, "\(path)")
            }
        }
    }

    @Test func isServedAtOpenAPIJSON() async throws {
        let api = try await TestAPI()
        try await api.run { client in
            let reply = try await client.send(.get, "/openapi.json", token: .some(nil))
            #expect(reply.status == .ok)
            #expect(reply.headers[.contentType] == "application/json; charset=utf-8")
            #expect(Array(reply.text.utf8) == OpenAPIDocument.bytes)
        }
    }
}
