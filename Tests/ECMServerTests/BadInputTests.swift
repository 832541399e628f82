import ECMDomain
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// Everything a client can send wrong gets its documented 4xx with the API's error body, and
/// the store stays as it was.
struct BadInputTests {
    let create = "/v1/clinic/ecm/patients/123/activities"

    @Test(arguments: TestAPI.stores) func malformedBodiesAre400AndWriteNothing(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let create = self.create
        try await api.run { client in
            let cases: [(body: [UInt8], message: String)] = [
                (Array(#"{"activity": {"activity_type": "task""#.utf8), "Request body is not valid JSON"),
                (Array("not json at all".utf8), "Request body is not valid JSON"),
                ([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], "Request body is not valid JSON"),  // invalid UTF-8
                (Array(#"{"note": {"body": "x"}}"#.utf8), "param is missing or the value is empty: activity"),
                (Array(#"{"activity": "task"}"#.utf8), "param is missing or the value is empty: activity"),
                (Array("[]".utf8), "param is missing or the value is empty: activity"),
            ]
            for (body, message) in cases {
                let reply = try await client.send(.post, create, bytes: body)
                #expect(reply.status == .badRequest, "\(message)")
                #expect(reply.errors == [message])
            }
            #expect(try await api.activityCount() == 0)
        }
    }

    @Test(arguments: TestAPI.stores) func wrongTypesAre422AndUnknownFieldsAreIgnored(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let create = self.create
        try await api.run { client in
            let wrong = try await client.send(.post, create, body: #"{"activity": {"activity_type": "task", "message": "m", "assigned_to_id": "abc"}}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errors == ["Assigned to is not a number"])
            let nested = try await client.send(.post, create, body: #"{"activity": {"activity_type": ["task"], "message": {"a": 1}, "assigned_to_id": 789}}"#)
            #expect(nested.errors == ["Activity type is not included in the list", "Message is invalid"])
            #expect(try await api.activityCount() == 0)
            let extra = try await client.send(
                .post, create, body: #"{"activity": {"activity_type": "task", "message": "m", "assigned_to_id": 789, "priority": "high", "performed_by_id": 789}, "extra": true}"#)
            #expect(extra.status == .created)
            #expect((extra.json["activity"] as? [String: Any])?["performed_by_id"] as? Int == 456)
        }
    }

    @Test(arguments: TestAPI.stores) func pagingParametersAreValidatedOrCapped(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let list = self.create
        try await api.run { client in
            for page in ["0", "-1"] {
                let reply = try await client.send(.get, "\(list)?page=\(page)")
                #expect(reply.status == .unprocessableContent)
                #expect(reply.errors == ["Page must be greater than or equal to 1"])
            }
            for size in ["0", "-1"] {
                let reply = try await client.send(.get, "\(list)?page_size=\(size)")
                #expect(reply.errors == ["Page size must be greater than or equal to 1"])
            }
            let huge = try await client.send(.get, "\(list)?page=1000000000")
            #expect(huge.status == .ok)
            #expect((huge.json["activities"] as? [Any])?.isEmpty == true)
            #expect((huge.json["pagination"] as? [String: Int])?["current_page"] == 1_000_000_000)
            let tooHuge = try await client.send(.get, "\(list)?page=99999999999999999999999")
            #expect(tooHuge.errors == ["Page is not a number"])
            let capped = try await client.send(.get, "\(list)?page_size=10000")
            #expect((capped.json["pagination"] as? [String: Int])?["per_page"] == 100)
            let badFilter = try await client.send(.get, "\(list)?status=done&activity_type=fax&assigned_to_id=x")
            #expect(badFilter.errors == [
                "Activity type is not included in the list", "Assigned to is not a number", "Status is not included in the list",
            ])
        }
    }

    @Test(arguments: TestAPI.stores) func nonNumericAndUnknownIdsAreNotFound(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            for (uri, message) in [
                ("/v1/clinic/ecm/patients/abc/activities", "Patient not found"),
                ("/v1/clinic/ecm/patients/-5/activities", "Patient not found"),
                ("/v1/clinic/ecm/patients/123/activities/abc", "Activity not found"),
                ("/v1/clinic/ecm/patients/123/activities/99999999999999999999", "Activity not found"),
                ("/v1/clinic/ecm/patients/123/activities/42", "Activity not found"),
            ] {
                let reply = try await client.send(.get, uri)
                #expect(reply.status == .notFound, "\(uri)")
                #expect(reply.errors == [message], "\(uri)")
            }
            let route = try await client.send(.get, "/v1/clinic/nothing-here")
            #expect(route.status == .notFound)
            #expect(route.errors == ["Not found"])
        }
    }

    @Test(arguments: TestAPI.stores) func bodiesOverOneMebibyteAre413(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let create = self.create
        try await api.run { client in
            let big = #"{"activity": {"activity_type": "note", "assigned_to_id": 789, "body": ""# + String(repeating: "x", count: 2 << 20) + #""}}"#
            let reply = try await client.send(.post, create, body: big)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.errors == ["Request body is too large (maximum is 1 MiB)"])
            #expect(try await api.activityCount() == 0)
        }
    }

    @Test(arguments: TestAPI.stores) func writesMustBeJSON(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let create = self.create
        try await api.run { client in
            for type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let reply = try await client.send(.post, create, body: SpecExamples.createTaskRequest, headers: [.contentType: type])
                #expect(reply.status == .unsupportedMediaType)
                #expect(reply.errors == ["Content type must be application/json"])
            }
            let charset = try await client.send(
                .post, create, body: SpecExamples.createTaskRequest, headers: [.contentType: "application/json; charset=utf-8"])
            #expect(charset.status == .created)
        }
    }

    @Test(arguments: TestAPI.stores) func missingWrongAndRevokedTokensAre401(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let create = self.create
        try await api.run { client in
            for token: String? in [nil, "", "ecm_0000", String(repeating: "a", count: 5000)] {
                let reply = try await client.send(.post, create, body: SpecExamples.createTaskRequest, token: .some(token))
                #expect(reply.status == .unauthorized)
                #expect(reply.text == #"{"errors":["Unauthorized"]}"#)
            }
            let extra = try await api.store.issueToken(userID: 789)
            #expect(try await client.send(.get, "/v1/clinic/me", token: extra).status == .ok)
            try await api.store.revokeTokens(userID: 789)
            let revoked = try await client.send(.get, "/v1/clinic/me", token: extra)
            #expect(revoked.status == .unauthorized)
            #expect(try await api.activityCount() == 0)
        }
    }
}
