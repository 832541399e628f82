import ECMDomain
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// Two clinics on one server, on both stores: whatever Jane (clinic 1) asks about clinic 2 —
/// its patient, activities, comments, events, users, email — is answered exactly as if it did not
/// exist, nothing of it changes, and no list, search or queue shows it.
struct ClinicTenancyTests {
    /// Clinic 2 with Ana (its coordinator, user 900) and patient Eva (900), who has a task
    /// assigned to Ana with a comment, and a failed email sent by Ana.
    struct OtherClinic {
        let token: String
        let taskID: Int
        let emailID: Int
    }

    static func otherClinic(_ api: TestAPI, client: TestAPI.Client) async throws -> OtherClinic {
        let store = api.store
        let clinic = try await store.addClinic(name: "Clinic Two")
        _ = try await store.addUser(name: "Ana Otherclinic", id: 900)
        try await store.moveToClinic(.users, id: 900, clinicID: clinic)
        _ = try await store.addPatient(name: "Eva Otherclinic", dateOfBirth: "1970-01-01", id: 900)
        try await store.moveToClinic(.patients, id: 900, clinicID: clinic)
        let token = try await store.issueToken(userID: 900)
        let base = "/v1/clinic/ecm/patients/900/activities"
        let task = try await client.send(
            .post, base, body: #"{"activity": {"activity_type": "task", "message": "Eva's task", "assigned_to_id": 900}}"#, token: token)
        let taskID = try #require((task.json["activity"] as? [String: Any])?["id"] as? Int, "\(task.text)")
        _ = try await client.send(.post, "\(base)/\(taskID)/comments", body: #"{"comment": {"body": "Eva's comment"}}"#, token: token)
        let email = try await client.send(
            .post, base, body: #"{"activity": {"activity_type": "email", "email_to": "eva@example.org", "body": "Eva's email", "assigned_to_id": 900}}"#,
            token: token)
        let emailID = try #require((email.json["activity"] as? [String: Any])?["id"] as? Int)
        let now = Timestamp.now()
        _ = try await store.claimDueEmails(owner: "t", now: now, leaseUntil: Timestamp(milliseconds: now.milliseconds + 60_000), limit: 10)
        try await store.recordEmailAttempt(activityID: Int64(emailID), owner: "t", outcome: .failed(error: "550"), at: now)
        return OtherClinic(token: token, taskID: taskID, emailID: emailID)
    }

    @Test(arguments: TestAPI.stores) func anotherClinicsRecordsAreNotFoundAndNotChanged(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let other = try await Self.otherClinic(api, client: client)
            let patient = "/v1/clinic/ecm/patients/900"
            let task = "\(patient)/activities/\(other.taskID)"
            let notFound = #"{"errors":["Patient not found"]}"#
            let requests: [(HTTPRequest.Method, String, String?)] = [
                (.get, patient, nil),
                (.get, "\(patient)/activities", nil),
                (.get, "\(patient)/activities?status=created", nil),
                (.get, "\(patient)/events", nil),
                (.get, task, nil),
                (.get, "\(task)/comments", nil),
                (.post, "\(patient)/activities", #"{"activity": {"activity_type": "note", "body": "x", "assigned_to_id": 456}}"#),
                (.put, task, #"{"activity": {"status": "complete"}}"#),
                (.patch, task, #"{"activity": {"message": "changed"}}"#),
                (.delete, task, nil),
                (.post, "\(task)/comments", #"{"comment": {"body": "x"}}"#),
                (.put, patient, #"{"patient": {"name": "Changed"}}"#),
                (.patch, patient, #"{"patient": {"cin": "91234567A"}}"#),
            ]
            for (method, path, body) in requests {
                let reply = try await client.send(method, path, body: body)
                #expect(reply.status == .notFound, "\(method) \(path): \(reply.status)")
                #expect(reply.text == notFound, "\(method) \(path): \(reply.text)")
            }
            let retry = try await client.send(.post, "/v1/clinic/ecm/email_deliveries/\(other.emailID)/retry")
            #expect(retry.status == .notFound && retry.errors == ["Activity not found"], "\(retry.text)")
            // Clinic 1's patient cannot be given clinic 2's user either.
            let assigned = try await client.send(
                .post, "/v1/clinic/ecm/patients/123/activities", body: #"{"activity": {"activity_type": "note", "body": "x", "assigned_to_id": 900}}"#)
            #expect(assigned.status == .unprocessableContent && assigned.errors == ["Assigned to must exist"], "\(assigned.text)")
            // Nor lead their care.
            let led = try await client.send(.put, "/v1/clinic/ecm/patients/123", body: #"{"patient": {"lead_care_manager_id": 900}}"#)
            #expect(led.status == .unprocessableContent && led.errors == ["Lead care manager must exist"], "\(led.text)")

            // Nothing of clinic 2 in any list Jane sees.
            for path in [
                "/v1/clinic/ecm/patients", "/v1/clinic/ecm/patients?search=eva", "/v1/clinic/ecm/patients?search=900",
                "/v1/clinic/users", "/v1/clinic/ecm/activities", "/v1/clinic/ecm/activities?assigned_to_id=900",
                "/v1/clinic/ecm/email_deliveries", "/v1/clinic/ecm/email_deliveries?status=failed",
            ] {
                let reply = try await client.send(.get, path)
                #expect(reply.status == .ok, "\(path): \(reply.text)")
                #expect(!reply.text.contains("Eva") && !reply.text.contains("Ana Otherclinic") && !reply.text.contains("\"id\":900"), "\(path): \(reply.text)")
            }
            let users = try await client.send(.get, "/v1/clinic/users")
            #expect((users.json["users"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }.sorted() == [456, 789])

            // Clinic 2 sees its own, unchanged.
            let own = try await client.send(.get, task, token: other.token)
            #expect(own.status == .ok)
            let activity = try #require(own.json["activity"] as? [String: Any])
            #expect(activity["status"] as? String == "created" && activity["message"] as? String == "Eva's task")
            #expect((activity["comments"] as? [Any])?.count == 1)
            let theirs = try await client.send(.get, "/v1/clinic/ecm/activities", token: other.token)
            #expect((theirs.json["activities"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [other.taskID, other.emailID])
            // …and not clinic 1's.
            let notTheirs = try await client.send(.get, "/v1/clinic/ecm/patients/123", token: other.token)
            #expect(notTheirs.status == .notFound)
            let theirUsers = try await client.send(.get, "/v1/clinic/users", token: other.token)
            #expect((theirUsers.json["users"] as? [[String: Any]])?.compactMap { $0["id"] as? Int } == [900])
        }
    }
}
