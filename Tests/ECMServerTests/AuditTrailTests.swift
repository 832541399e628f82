import ECMAuth
import ECMDomain
import ECMServer
import ECMTestSupport
import Foundation
import HTTPTypes
import Logging
import Testing

/// The audit trail through the API, on both stores: a row for each look at or change of a
/// member's record, for sign-ins, and for refusals; writes' rows in their own transaction; no
/// value of the record in any row; the chain intact; the trail readable by admins only.
struct AuditTrailTests {
    let base = "/v1/clinic/ecm/patients/123/activities"

    static func records(_ store: any ServerStore) async throws -> [AuditRecord] {
        try await store.auditChain(after: 0, limit: 1_000)
    }

    @Test(arguments: TestAPI.stores) func eachLookAndChangeLeavesOneRowWithoutAnyValue(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let trail = api.store
        let recorder = AuditRecorder(store: trail, logger: Logger(label: "test"))
        let base = self.base
        try await api.run(audit: recorder) { client in
            let body = #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "Discussed housing with her daughter"}}"#
            let created = try await client.send(.post, base, body: body)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            // The create's row is there at once: it was written with the activity.
            let afterCreate = try await Self.records(trail)
            #expect(afterCreate.map(\.entry.action) == [.create])
            #expect(afterCreate.first.map { ($0.entry.userID, $0.entry.patientID, $0.entry.resource, $0.entry.resourceID, $0.entry.status) }
                    ?? (nil, nil, "", nil, 0) == (456, 123, "activity", Int64(id), 201))
            _ = try await client.send(.get, base)
            _ = try await client.send(.get, "\(base)/\(id)")
            _ = try await client.send(.put, "\(base)/\(id)", body: #"{"activity": {"status": "complete"}}"#)
            _ = try await client.send(.get, "/v1/clinic/ecm/patients?search=John")
            _ = try await client.send(.get, "\(base)/999999")
            _ = try await client.send(.post, base, body: #"{"activity": {"activity_type": "task", "assigned_to_id": 456}}"#)
            _ = try await client.send(.get, "/v1/clinic/users")
            _ = try await client.send(.delete, "\(base)/\(id)")
            await recorder.flush()
            let rows = try await Self.records(trail)
            let summary = rows.map { "\($0.entry.action.rawValue) \($0.entry.resource) \($0.entry.status)" }
            #expect(Set(summary) == [
                "create activity 201", "read activities 200", "read activity 200", "update activity 200", "search patients 200",
                "read activity 404", "create activity 422", "delete activity 204",
            ], "\(summary)")
            #expect(rows.count == 8, "the team list is no member's record; each request is one row: \(summary)")
            #expect(rows.allSatisfy { $0.entry.userID == 456 && $0.entry.requestID != nil })
            // No value of the record anywhere: not the body, the patient's name or the search text.
            let everything = rows.map { "\($0.entry)" }.joined(separator: "\n")
            for value in ["housing", "daughter", "John", "Doe", "complete"] { #expect(!everything.contains(value), "\(value) in the audit trail") }
            #expect(try await AuditChain.firstBrokenRow(in: trail) == (nil, 8))
        }
    }

    @Test(arguments: TestAPI.stores) func signInsSignOutsAndFailuresAreAudited(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let trail = api.store
        _ = try await trail.configureAccount(userID: 456, login: "jane", role: nil)
        try await trail.setPasswordHash(userID: 456, hash: try PasswordHash.make("correct horse battery staple", parameters: .init(rounds: 1 << 10, blockSize: 8, parallelism: 1)))
        let recorder = AuditRecorder(store: trail, logger: Logger(label: "test"))
        try await api.run(audit: recorder) { client in
            _ = try await client.send(.post, "/v1/clinic/sessions", body: #"{"session": {"login": "jane", "password": "wrong one here"}}"#, token: .some(nil))
            let signedIn = try await client.send(.post, "/v1/clinic/sessions", body: #"{"session": {"login": "jane", "password": "correct horse battery staple"}}"#, token: .some(nil))
            let token = try #require((signedIn.json["session"] as? [String: Any])?["token"] as? String)
            _ = try await client.send(.delete, "/v1/clinic/sessions/current", token: token)
            await recorder.flush()
            let rows = try await Self.records(trail)
            #expect(rows.map(\.entry.action) == [.signInFailed, .signIn, .signOut])
            #expect(rows.map(\.entry.userID) == [nil, 456, 456])
            #expect(rows.map(\.entry.status) == [401, 201, 204])
            #expect(!rows.map { "\($0.entry)" }.joined().contains("wrong one"))
        }
    }

    @Test(arguments: TestAPI.stores) func onlyAnAdminReadsTheTrailAndTheReadIsAudited(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let trail = api.store
        _ = try await trail.configureAccount(userID: 789, login: nil, role: .admin)
        let admin = try await trail.issueToken(userID: 789)
        // Another clinic's activity in the trail, which clinic 1's administrator does not see.
        let clinic = try await trail.addClinic(name: "Clinic Two")
        _ = try await trail.addUser(name: "Ana Otherclinic", id: 900)
        try await trail.moveToClinic(.users, id: 900, clinicID: clinic)
        _ = try await trail.addPatient(name: "Eva Otherclinic", dateOfBirth: nil, id: 900)
        try await trail.moveToClinic(.patients, id: 900, clinicID: clinic)
        let other = try await trail.issueToken(userID: 900)
        let recorder = AuditRecorder(store: trail, logger: Logger(label: "test"))
        let base = self.base
        try await api.run(audit: recorder) { client in
            _ = try await client.send(.get, "/v1/clinic/ecm/patients/900/activities", token: other)
            _ = try await client.send(.get, base)
            let refused = try await client.send(.get, "/v1/admin/audit?patient_id=123")
            #expect(refused.status == .forbidden)
            #expect(refused.text == #"{"errors":["Forbidden"]}"#)
            await recorder.flush()
            let reply = try await client.send(.get, "/v1/admin/audit?patient_id=123", token: admin)
            #expect(reply.status == .ok, "\(reply.text)")
            let events = try #require(reply.json["audit_events"] as? [[String: Any]])
            #expect(events.map { $0["action"] as? String } == ["read", "read"])
            #expect(events.map { $0["resource"] as? String } == ["activities", "audit"])
            #expect(events.map { $0["status"] as? Int } == [200, 403])
            #expect((reply.json["pagination"] as? [String: Any])?["total_count"] as? Int == 2)
            let bad = try await client.send(.get, "/v1/admin/audit?from=yesterday", token: admin)
            #expect(bad.status == .unprocessableContent && bad.errors == ["From is invalid"])
            await recorder.flush()
            let last = try await Self.records(trail).last
            #expect(last.map { ($0.entry.userID, $0.entry.resource, $0.entry.status) } ?? (nil, "", 0) == (789, "audit", 422))
            // Clinic 2's row is in the trail, with its clinic, and not in clinic 1's administrator's view.
            let all = try await Self.records(trail)
            #expect(all.first.map { ($0.entry.userID, $0.entry.clinicID, $0.entry.patientID) } ?? (nil, nil, nil) == (900, clinic, 900))
            let everything = try await client.send(.get, "/v1/admin/audit?page_size=100", token: admin)
            #expect((everything.json["audit_events"] as? [[String: Any]])?.allSatisfy { $0["clinic_id"] as? Int == 1 } == true, "\(everything.text)")
            #expect(!everything.text.contains("\"patient_id\":900"))
        }
    }
}
