import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// What the server stores is exactly what a request body says, as other JSON readers read it.
struct RequestBodyTests {
    let base = "/v1/clinic/ecm/patients/123/activities"

    @Test(arguments: TestAPI.stores) func theLastOfDuplicateKeysIsStoredForActivitiesAndComments(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let created = try await client.send(
                .post, base,
                body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "first", "body": "last", "assigned_to_id": 789}}"#)
            #expect(created.status == .created)
            let activity = try #require(created.json["activity"] as? [String: Any])
            #expect(activity["body"] as? String == "last")
            #expect(activity["assigned_to_id"] as? Int == 789)
            let id = try #require(activity["id"] as? Int)
            let updated = try await client.send(.put, "\(base)/\(id)", body: #"{"activity": {"subject": "a"}, "activity": {"subject": "b"}}"#)
            #expect((updated.json["activity"] as? [String: Any])?["subject"] as? String == "b")
            let comment = try await client.send(.post, "\(base)/\(id)/comments", body: #"{"comment": {"body": "first", "body": "last"}}"#)
            #expect((comment.json["comment"] as? [String: Any])?["body"] as? String == "last")
            let shown = try await client.send(.get, "\(base)/\(id)")
            let stored = try #require(shown.json["activity"] as? [String: Any])
            #expect(stored["body"] as? String == "last" && stored["subject"] as? String == "b")
            #expect((stored["comments"] as? [[String: Any]])?.compactMap { $0["body"] as? String } == ["last"])
        }
    }

    @Test(arguments: TestAPI.stores) func aNullCharacterIs422AndNeverAcknowledged(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let created = try await client.send(
                .post, base, body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "before\u0000after"}}"#)
            #expect(created.status == .unprocessableContent)
            #expect(created.errors == ["Body contains a null character"])
            #expect(try await api.activityCount() == 0)
            let kept = try await client.send(.post, base, body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "kept"}}"#)
            let id = try #require((kept.json["activity"] as? [String: Any])?["id"] as? Int)
            let comment = try await client.send(.post, "\(base)/\(id)/comments", body: #"{"comment": {"body": "called\u0000 back"}}"#)
            #expect(comment.status == .unprocessableContent)
            #expect(comment.errors == ["Body contains a null character"])
            let shown = try await client.send(.get, "\(base)/\(id)")
            #expect((shown.json["activity"] as? [String: Any])?["comments"] as? [Any] != nil)
            #expect(((shown.json["activity"] as? [String: Any])?["comments"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestAPI.stores) func deeplyNestedBodiesAreAnsweredNotCrashedOn(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let nested = String(repeating: "[", count: 90) + String(repeating: "]", count: 90)
            let invalid = try await client.send(
                .post, base, body: #"{"activity": {"activity_type": "task", "assigned_to_id": 456, "message": \#(nested)}}"#)
            #expect(invalid.errors == ["Message is invalid"])
            let tooDeep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
            let refused = try await client.send(.post, base, body: #"{"activity": {"message": \#(tooDeep)}}"#)
            #expect(refused.status == .badRequest)
            #expect(refused.errors == ["Request body is not valid JSON"])
        }
    }
}
