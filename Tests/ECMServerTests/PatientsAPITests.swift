import ECMDomain
import ECMServer
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// `POST/PUT /v1/clinic/ecm/patients` (extension) over HTTP on both stores: the member record's
/// shape, the status codes and the Rails-style messages a client meets.
struct PatientsAPITests {
    @Test(arguments: TestAPI.stores) func aMemberIsAddedAndChangedInTheAPIsShapes(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        try await api.run { client in
            let created = try await client.send(
                .post, "/v1/clinic/ecm/patients",
                body: #"{"patient": {"name": "Aram Petrosyan", "date_of_birth": "1961-04-02", "cin": "91234567a", "phone": "(916) 555-0147", "address_state": "ca", "homeless": true, "ecm_status": "outreach", "acuity": "medium", "lead_care_manager_id": 789}}"#)
            #expect(created.status == .created, "\(created.text)")
            let patient = try #require(created.json["patient"] as? [String: Any])
            let id = try #require(patient["id"] as? Int)
            expectMatches(patient, [
                "name": "Aram Petrosyan", "date_of_birth": "1961-04-02", "cin": "91234567A", "phone": "9165550147", "address_state": "CA",
                "homeless": true, "ecm_status": "outreach", "acuity": "medium", "lead_care_manager_id": 789, "address_city": NSNull(),
                "enrollment_start": NSNull(), "open_activities_count": 0,
            ])
            #expect(created.headers[.location] == "/v1/clinic/ecm/patients/\(id)")

            let changed = try await client.send(
                .put, "/v1/clinic/ecm/patients/\(id)",
                body: #"{"patient": {"ecm_status": "enrolled", "enrollment_start": "01-05-2026", "homeless": null}}"#)
            #expect(changed.status == .ok, "\(changed.text)")
            expectMatches(changed.json["patient"], ["ecm_status": "enrolled", "enrollment_start": "2026-01-05", "homeless": NSNull(), "cin": "91234567A"])
            let shown = try await client.send(.get, "/v1/clinic/ecm/patients/\(id)")
            expectMatches(shown.json["patient"], ["ecm_status": "enrolled", "acuity": "medium"])

            let missing = try await client.send(.post, "/v1/clinic/ecm/patients", body: #"{"name": "No envelope"}"#)
            #expect(missing.status == .badRequest && missing.errors == ["param is missing or the value is empty: patient"])
            let wrong = try await client.send(
                .post, "/v1/clinic/ecm/patients",
                body: #"{"patient": {"name": " ", "cin": "1234", "ecm_status": "active", "homeless": "sometimes"}}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.errors == ["Name can't be blank", "CIN is invalid", "Homeless must be true or false", "ECM status is not included in the list"])
            let taken = try await client.send(
                .post, "/v1/clinic/ecm/patients", body: #"{"patient": {"name": "Someone Else", "cin": "91234567A", "lead_care_manager_id": 31337}}"#)
            #expect(taken.status == .unprocessableContent && taken.errors == ["Lead care manager must exist", "CIN has already been taken"])
            let across = try await client.send(.put, "/v1/clinic/ecm/patients/\(id)", body: #"{"patient": {"ecm_status": "discontinued"}}"#)
            #expect(across.errors == ["Enrollment end can't be blank", "Discontinuation reason can't be blank"])
            let none = try await client.send(.put, "/v1/clinic/ecm/patients/31337", body: #"{"patient": {"name": "Nobody"}}"#)
            #expect(none.status == .notFound && none.errors == ["Patient not found"])
        }
    }
}
