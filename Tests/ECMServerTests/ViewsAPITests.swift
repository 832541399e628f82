import ECMDomain
import ECMServer
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// `/v1/clinic/views` (extension) over HTTP on both stores: the shapes, the status codes and the
/// Rails-style messages a client meets.
struct ViewsAPITests {
    @Test(arguments: TestAPI.stores) func viewsAreSavedListedChangedAndRemovedInTheAPIsShapes(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let bob = try await api.store.issueToken(userID: 789)
        try await api.run { client in
            let created = try await client.send(
                .post, "/v1/clinic/views",
                body: #"{"view": {"name": "Overdue tasks", "filters": {"activity_type": "task", "due": "overdue", "patient_id": 123}, "shared": true}}"#)
            #expect(created.status == .created, "\(created.text)")
            let view = try #require(created.json["view"] as? [String: Any])
            let id = try #require(view["id"] as? Int)
            expectMatches(view, ["id": id, "name": "Overdue tasks", "shared": true, "user_id": 456, "user_name": "Jane Coordinator"])
            expectMatches(view["filters"], ["activity_type": "task", "status": NSNull(), "assigned_to_id": NSNull(), "due": "overdue", "patient_id": 123])
            #expect(created.headers[.location] == "/v1/clinic/views/\(id)")

            let listed = try await client.send(.get, "/v1/clinic/views", token: bob)
            #expect((listed.json["views"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [id])
            expectMatches(listed.json["pagination"], ["current_page": 1, "total_pages": 1, "total_count": 1, "per_page": 25])

            let changed = try await client.send(.put, "/v1/clinic/views/\(id)", body: #"{"view": {"shared": false}}"#)
            #expect(changed.status == .ok && (changed.json["view"] as? [String: Any])?["shared"] as? Bool == false)
            let hidden = try await client.send(.put, "/v1/clinic/views/\(id)", body: #"{"view": {"name": "Mine now"}}"#, token: bob)
            #expect(hidden.status == .notFound && hidden.errors == ["View not found"])
            _ = try await client.send(.put, "/v1/clinic/views/\(id)", body: #"{"view": {"shared": true}}"#)
            let forbidden = try await client.send(.delete, "/v1/clinic/views/\(id)", token: bob)
            #expect(forbidden.status == .forbidden && forbidden.errors == ["Forbidden"])

            let deleted = try await client.send(.delete, "/v1/clinic/views/\(id)")
            #expect(deleted.status == .noContent && deleted.text.isEmpty)
            let gone = try await client.send(.delete, "/v1/clinic/views/\(id)")
            #expect(gone.status == .notFound && gone.errors == ["View not found"])
            let notANumber = try await client.send(.put, "/v1/clinic/views/abc", body: #"{"view": {"shared": true}}"#)
            #expect(notANumber.status == .notFound && notANumber.errors == ["View not found"])
        }
    }

    @Test(arguments: TestAPI.stores) func badViewsAreRefusedWithEveryMessageAndNothingSaved(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let missing = try await client.send(.post, "/v1/clinic/views", body: #"{"name": "No envelope"}"#)
            #expect(missing.status == .badRequest && missing.errors == ["param is missing or the value is empty: view"])
            let wrong = try await client.send(
                .post, "/v1/clinic/views",
                body: #"{"view": {"name": " ", "filters": {"activity_type": "fax", "status": "open", "due": "soon", "assigned_to_id": "me"}, "shared": "yes"}}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errors == [
                "Name can't be blank", "Activity type is not included in the list", "Status is not included in the list",
                "Due is not included in the list", "Assigned to must exist", "Shared must be true or false",
            ])
            let strangers = try await client.send(
                .post, "/v1/clinic/views", body: #"{"view": {"name": "Strangers", "filters": {"assigned_to_id": 31337, "patient_id": 31337}}}"#)
            #expect(strangers.status == .unprocessableContent && strangers.errors == ["Assigned to must exist", "Patient must exist"])
            let notAnObject = try await client.send(.post, "/v1/clinic/views", body: #"{"view": {"name": "List", "filters": ["task"]}}"#)
            #expect(notAnObject.status == .unprocessableContent && notAnObject.errors == ["Filters must be an object"])
            let listed = try await client.send(.get, "/v1/clinic/views")
            #expect((listed.json["views"] as? [Any])?.isEmpty == true)
        }
    }
}
