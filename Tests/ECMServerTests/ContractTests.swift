import ECMDomain
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// Each request example of the spec, sent as written; each answer compared with the spec's
/// response example (values the server generates — ids and clock times — only checked present).
struct ContractTests {
    let base = "/v1/clinic/ecm/patients/123/activities"

    @Test(arguments: TestAPI.stores) func createTaskAnswers201WithTheDetailShape(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let reply = try await client.send(.post, base, body: SpecExamples.createTaskRequest)
            #expect(reply.status == .created)
            expectMatches(parse(reply.text), parse(SpecExamples.createSuccessResponse))
            let activity = try #require(reply.json["activity"] as? [String: Any])
            expectMatches(activity, (parse(SpecExamples.detailResponse) as? [String: Any])?["activity"].map { detail -> [String: Any] in
                // Same keys as the detail example; the values of this new task are its own.
                var keys = detail as! [String: Any]
                for key in keys.keys { keys[key] = activity[key] }
                return keys
            })
            #expect(reply.headers[.eTag] == "\"1\"")
            #expect(reply.headers[.location] == "\(base)/\(activity["id"] as! Int)")
        }
    }

    @Test(arguments: TestAPI.stores) func everyCreateExampleIsAccepted(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            for example in [SpecExamples.createNoteRequest, SpecExamples.createAppointmentRequest, SpecExamples.createEmailRequestWithAddress] {
                let reply = try await client.send(.post, base, body: example)
                #expect(reply.status == .created, "\(reply.text)")
                let sent = try #require((parse(example) as? [String: Any])?["activity"] as? [String: Any])
                expectMatches(reply.json["activity"], sent)
            }
            // The spec's email example as written: its address is a web page's obfuscation.
            let obfuscated = try await client.send(.post, base, body: SpecExamples.createEmailRequest)
            #expect(obfuscated.status == .unprocessableContent)
            #expect(obfuscated.text == #"{"errors":["Email to is invalid"]}"#, "\(obfuscated.text)")
            let subtaskParent = try await client.send(.post, base, body: SpecExamples.createTaskRequest)
            let parentID = try #require((subtaskParent.json["activity"] as? [String: Any])?["id"] as? Int)
            let subtask = try await client.send(
                .post, base, body: SpecExamples.createSubtaskRequest.replacingOccurrences(of: "\"parent_id\": 1", with: "\"parent_id\": \(parentID)"))
            #expect(subtask.status == .created)
            #expect((subtask.json["activity"] as? [String: Any])?["parent_id"] as? Int == parentID)
        }
    }

    @Test(arguments: TestAPI.stores) func listAndDetailHaveTheSpecsShapes(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let created = try await client.send(.post, base, body: """
                {"activity": {"activity_type": "task", "assigned_to_id": 789, "message": "Follow up with patient about medication",
                 "subject": "Medication Follow-up", "body": "Need to check if patient has started new medication regimen",
                 "occurred_at": "2024-11-20T10:00:00.000Z"}}
                """)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let bob = try await api.store.issueToken(userID: 789)
            let comment = try await client.send(
                .post, "\(base)/\(id)/comments", body: #"{"comment": {"body": "Called patient, no answer"}}"#, token: bob)
            #expect(comment.status == .created)

            let list = try await client.send(.get, "\(base)?activity_type=task&status=created")
            #expect(list.status == .ok)
            var expectedList = try #require(parse(SpecExamples.listResponse) as? [String: Any])
            expectedList["pagination"] = ["current_page": 1, "total_pages": 1, "total_count": 1, "per_page": 25]
            var item = try #require((expectedList["activities"] as? [[String: Any]])?.first)
            item["comments_count"] = 1
            item["body"] = "Need to check if patient has started new medication regimen"
            expectedList["activities"] = [item]
            expectMatches(list.json, expectedList)
            #expect((list.json["activities"] as? [[String: Any]])?.first?["occurred_at"] as? String == "2024-11-20T10:00:00.000Z")

            let detail = try await client.send(.get, "\(base)/\(id)")
            #expect(detail.status == .ok)
            expectMatches(detail.json, parse(SpecExamples.detailResponse))
            #expect(detail.headers[.eTag] == "\"2\"")
        }
    }

    @Test(arguments: TestAPI.stores) func markCompleteThenDeleteAnswer200And204(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let created = try await client.send(.post, base, body: SpecExamples.createTaskRequest)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let updated = try await client.send(.put, "\(base)/\(id)", body: SpecExamples.markCompleteRequest)
            #expect(updated.status == .ok)
            #expect((updated.json["activity"] as? [String: Any])?["status"] as? String == "complete")
            #expect(((updated.json["activity"] as? [String: Any])?["event"] as? [String: Any])?["status"] as? String == "complete")
            let deleted = try await client.send(.delete, "\(base)/\(id)")
            #expect(deleted.status == .noContent)
            #expect(deleted.text.isEmpty)
            let gone = try await client.send(.get, "\(base)/\(id)")
            #expect(gone.status == .notFound)
            expectMatches(parse(gone.text), parse(SpecExamples.activityNotFound))
        }
    }

    @Test(arguments: TestAPI.stores) func errorExamplesAreAnsweredAsWritten(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let noPatient = try await client.send(.get, "/v1/clinic/ecm/patients/999/activities")
            #expect(noPatient.status == .notFound)
            #expect(noPatient.text == #"{"errors":["Patient not found"]}"#)
            let invalid = try await client.send(.post, "/v1/clinic/ecm/patients/123/activities", body: #"{"activity": {"activity_type": "task"}}"#)
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text == #"{"errors":["Message can't be blank","Assigned to can't be blank"]}"#)
            let otherPatient = try await api.store.addPatient(name: "Mai Trần", dateOfBirth: nil, id: nil)
            let created = try await client.send(.post, "/v1/clinic/ecm/patients/123/activities", body: SpecExamples.createTaskRequest)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let crossPatient = try await client.send(.get, "/v1/clinic/ecm/patients/\(otherPatient.id)/activities/\(id)")
            #expect(crossPatient.status == .notFound)
            #expect(crossPatient.errors == ["Activity not found"])
        }
    }

    @Test(arguments: TestAPI.stores) func theExtensionsAnswerInTheSameStyle(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let me = try await client.send(.get, "/v1/clinic/me")
            let user = try #require(me.json["user"] as? [String: Any])
            #expect(user["id"] as? Int == 456 && user["name"] as? String == "Jane Coordinator")
            let users = try await client.send(.get, "/v1/clinic/users")
            #expect((users.json["users"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Bob Manager", "Jane Coordinator"])
            _ = try await api.store.addPatient(name: "Nguyễn Thị Hoa", dateOfBirth: nil, id: nil)
            let found = try await client.send(.get, "/v1/clinic/ecm/patients?search=nguyen")
            #expect((found.json["patients"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Nguyễn Thị Hoa"])
            #expect(found.json["pagination"] as? [String: Int] == ["current_page": 1, "total_pages": 1, "total_count": 1, "per_page": 25])
            let patient = try await client.send(.get, "/v1/clinic/ecm/patients/123")
            #expect((patient.json["patient"] as? [String: Any])?["date_of_birth"] as? String == "1960-05-01")
            _ = try await client.send(.post, "/v1/clinic/ecm/patients/123/activities", body: SpecExamples.createTaskRequest)
            let events = try await client.send(.get, "/v1/clinic/ecm/patients/123/events?event_type=task")
            #expect((events.json["events"] as? [[String: Any]])?.count == 1)
            let queue = try await client.send(.get, "/v1/clinic/ecm/activities?assigned_to_id=789")
            #expect((queue.json["activities"] as? [[String: Any]])?.count == 1)
            let blankComment = try await client.send(.post, "/v1/clinic/ecm/patients/123/activities/1/comments", body: #"{"comment": {"body": "  "}}"#)
            #expect(blankComment.status == .unprocessableContent)
            #expect(blankComment.errors == ["Body can't be blank"])
            let openapi = try await client.send(.get, "/openapi.json", token: .some(nil))
            #expect(openapi.status == .ok)
            #expect(openapi.json["openapi"] as? String == "3.1.0")
        }
    }

    @Test(arguments: TestAPI.stores) func ifMatchProtectsAgainstLostUpdates(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let created = try await client.send(.post, base, body: SpecExamples.createTaskRequest)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let etag = try #require(created.headers[.eTag])
            let first = try await client.send(.put, "\(base)/\(id)", body: SpecExamples.markCompleteRequest, headers: [.ifMatch: etag])
            #expect(first.status == .ok)
            #expect(first.headers[.eTag] != etag)
            let stale = try await client.send(.put, "\(base)/\(id)", body: #"{"activity": {"subject": "Stale"}}"#, headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            #expect(stale.errors == ["Activity has been changed by someone else"])
            let staleDelete = try await client.send(.delete, "\(base)/\(id)", headers: [.ifMatch: etag])
            #expect(staleDelete.status == .preconditionFailed)
            let any = try await client.send(.delete, "\(base)/\(id)", headers: [.ifMatch: "*"])
            #expect(any.status == .noContent)
        }
    }
}
