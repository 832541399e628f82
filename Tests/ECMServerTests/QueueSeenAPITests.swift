import ECMDomain
import ECMServer
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// New for me over HTTP on both stores (extensions): `/v1/clinic/queue_seen`, list items'
/// `assigned_at` / `assigned_by_id`, and the queue's `assigned_after` and `new_since`.
struct QueueSeenAPITests {
    @Test(arguments: TestAPI.stores) func lookingIsKeptPerUserAndWhatOthersGaveSinceIsNewAndFirst(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let bob = try await api.store.issueToken(userID: 789)
        try await api.run { client in
            let never = try await client.send(.get, "/v1/clinic/queue_seen")
            #expect(never.status == .ok)
            expectMatches(never.json["queue_seen"], ["seen_at": NSNull(), "previous_seen_at": NSNull()])

            let look = try await client.send(.put, "/v1/clinic/queue_seen")
            #expect(look.status == .ok, "\(look.text)")
            let seen = try #require((look.json["queue_seen"] as? [String: Any])?["seen_at"] as? String)
            #expect((look.json["queue_seen"] as? [String: Any])?["previous_seen_at"] is NSNull)
            try await Task.sleep(for: .milliseconds(5))

            // Bob gives Jane (456) a task; Jane gives herself one.
            let given = try await client.send(
                .post, "/v1/clinic/ecm/patients/123/activities", body: #"{"activity": {"activity_type": "task", "message": "From Bob", "assigned_to_id": 456}}"#,
                token: bob)
            #expect(given.status == .created, "\(given.text)")
            let givenID = try #require((given.json["activity"] as? [String: Any])?["id"] as? Int)
            let own = try await client.send(
                .post, "/v1/clinic/ecm/patients/123/activities", body: #"{"activity": {"activity_type": "task", "message": "Mine", "assigned_to_id": 456}}"#)
            #expect(own.status == .created)

            let since = seen.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? seen
            let news = try await client.send(.get, "/v1/clinic/ecm/activities?assigned_after=\(since)")
            #expect(news.status == .ok, "\(news.text)")
            let newItems = try #require(news.json["activities"] as? [[String: Any]])
            #expect(newItems.compactMap { $0["id"] as? Int } == [givenID])
            #expect(newItems.first?["assigned_by_id"] as? Int == 789)
            #expect(newItems.first?["assigned_at"] is String)

            let queue = try await client.send(.get, "/v1/clinic/ecm/activities?new_since=\(since)&order=newest")
            #expect((queue.json["activities"] as? [[String: Any]])?.first?["id"] as? Int == givenID)

            let bad = try await client.send(.get, "/v1/clinic/ecm/activities?assigned_after=yesterday&new_since=soon")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errors == ["Assigned after is invalid", "New since is invalid"])

            let again = try await client.send(.put, "/v1/clinic/queue_seen")
            #expect((again.json["queue_seen"] as? [String: Any])?["previous_seen_at"] as? String == seen)
            let bobs = try await client.send(.get, "/v1/clinic/queue_seen", token: bob)
            expectMatches(bobs.json["queue_seen"], ["seen_at": NSNull(), "previous_seen_at": NSNull()])
        }
    }
}
