import ECMAuth
import ECMDomain
import ECMServer
import ECMTestSupport
import Foundation
import HTTPTypes
import Logging
import Testing

/// `/v1/admin/clinic/ecm/prtf_reports` on both stores: an administrator makes the quarter's
/// report from members and activities written through the API, lists it, shows it and downloads
/// the file; a coordinator is refused, another clinic sees nothing, bad requests get every
/// message, and making and downloading are both in the audit trail.
struct PRTFReportsAPITests {
    static let pacific = TimeZone(identifier: "America/Los_Angeles")!
    static let reports = "/v1/admin/clinic/ecm/prtf_reports"
    static let quarter = #"{"start_date": "2026-07-01", "end_date": "2026-09-30", "provider_npi": "1234567893", "provider_name": "Sunrise Community Health, Inc.", "provider_phone": "916-555-0100"}"#

    /// Bob Manager (789) the clinic's administrator; Ana (900) the administrator of clinic 2.
    private static func setUp(_ store: TestAPI.Store) async throws -> (api: TestAPI, admin: String, otherAdmin: String) {
        let api = try await TestAPI(store)
        _ = try await api.store.configureAccount(userID: 789, login: "bob", role: .admin)
        let clinic = try await api.store.addClinic(name: "Clinic Two")
        _ = try await api.store.addUser(name: "Ana Otherclinic", id: 900)
        try await api.store.moveToClinic(.users, id: 900, clinicID: clinic)
        _ = try await api.store.configureAccount(userID: 900, login: "ana", role: .admin)
        return (api, try await api.store.issueToken(userID: 789), try await api.store.issueToken(userID: 900))
    }

    /// Two members with a quarter of work between them, written as a client would.
    private static func seed(_ client: TestAPI.Client) async throws -> (enrolled: Int, outreach: Int) {
        func patient(_ json: String) async throws -> Int {
            let reply = try await client.send(.post, "/v1/clinic/ecm/patients", body: json)
            #expect(reply.status == .created, "\(reply.text)")
            return try #require((reply.json["patient"] as? [String: Any])?["id"] as? Int)
        }
        func activity(_ patient: Int, _ fields: String) async throws {
            let reply = try await client.send(
                .post, "/v1/clinic/ecm/patients/\(patient)/activities", body: #"{"activity": {"assigned_to_id": 456, \#(fields)}}"#)
            #expect(reply.status == .created, "\(reply.text)")
        }
        let enrolled = try await patient(#"""
            {"patient": {"name": "Núñez, Jesús", "date_of_birth": "1961-02-03", "cin": "91234567A", "phone": "9165550147",
             "address_street": "1500 \"K\" St, Apt 2", "address_city": "Sacramento", "address_state": "CA", "address_zip": "95814",
             "homeless": false, "health_plan_name": "Health Net", "health_plan_id": "HN", "population_of_focus": "1a",
             "ecm_status": "discontinued", "enrollment_start": "2026-05-01", "enrollment_end": "2026-08-15",
             "discontinuation_reason": "Moved out of county", "acuity": "high", "lead_care_manager_id": 456, "preferred_language": "Español"}}
            """#)
        // Enrolled: an in-person encounter (45 min) and a phone one; after the end date, outreach.
        try await activity(enrolled, #""activity_type": "in_person_appointment", "booked_at": "2026-07-02T17:00:00Z", "occurred_at": "2026-07-02T17:00:00Z", "duration": 45"#)
        try await activity(enrolled, #""activity_type": "call", "voice_call_id": 1, "occurred_at": "2026-08-16T06:30:00Z", "duration": 10"#)
        try await activity(enrolled, #""activity_type": "sms", "body": "Still there?", "text_message_id": 1, "occurred_at": "2026-09-01T17:00:00Z", "outcome": "successful""#)
        let outreach = try await patient(#"{"patient": {"name": "王秀英", "cin": "98765432B", "ecm_status": "outreach"}}"#)
        try await activity(outreach, #""activity_type": "call", "voice_call_id": 2, "occurred_at": "2026-06-20T17:00:00Z", "outcome": "unsuccessful""#)
        try await activity(outreach, #""activity_type": "call", "voice_call_id": 3, "occurred_at": "2026-09-30T17:00:00Z", "outcome": "successful", "duration": 5"#)
        // A task never counts.
        try await activity(outreach, #""activity_type": "task", "message": "Find a better number", "occurred_at": "2026-08-01T17:00:00Z""#)
        // After the quarter (the morning of Oct 1 in Sacramento): not in it.
        try await activity(outreach, #""activity_type": "call", "voice_call_id": 4, "occurred_at": "2026-10-01T08:00:00Z", "outcome": "successful""#)
        return (enrolled, outreach)
    }

    @Test(arguments: TestAPI.stores) func anAdministratorMakesListsAndDownloadsTheQuartersReport(_ store: TestAPI.Store) async throws {
        let (api, admin, _) = try await Self.setUp(store)
        let trail = api.store
        let recorder = AuditRecorder(store: trail, logger: Logger(label: "test"))
        try await api.run(audit: recorder, zone: Self.pacific) { client in
            _ = try await Self.seed(client)
            let created = try await client.send(.post, Self.reports, body: Self.quarter, token: admin)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["message"] as? String == "PRTF report generated successfully")
            let report = try #require(created.json["prtf_report"] as? [String: Any])
            let id = try #require(report["id"] as? Int)
            let today = WallClock.local(.now(), Self.pacific).date
            let madeOn = String(format: "%02d%02d%04d", today.month, today.day, today.year)
            expectMatches(report, [
                "id": id, "filename": "PRTF_1234567893_072026_\(madeOn).csv", "start_date": "2026-07-01", "end_date": "2026-09-30",
                "provider_npi": "1234567893", "provider_name": "Sunrise Community Health, Inc.", "provider_phone": "9165550100",
                "patient_count": 2, "url": "/v1/admin/clinic/ecm/prtf_reports/\(id)/download", "time_zone": "America/Los_Angeles",
                "created_by_id": 789,
            ])
            expectMatches(report["empty_columns"], [
                "Payer ID": 1, "Payer Name": 1, "Member Date of Birth": 1, "Residential Address": 1, "Residential City": 1,
                "Residential State": 1, "Residential ZIP": 1, "Homeless Indicator": 1, "Member Phone": 1, "Preferred Language": 1,
                "Population of Focus": 1, "Acuity Level": 1, "ECM Enrollment Start Date": 1, "ECM Enrollment End Date": 1,
                "Discontinuation Reason": 1, "Lead Care Manager": 1, "Member First Name": 1,
            ])
            #expect((report["empty_columns"] as? [String: Any])?.count == 17)
            #expect(created.headers[.location] == "\(Self.reports)/\(id)")

            let list = try await client.send(.get, Self.reports, token: admin)
            #expect(list.status == .ok)
            #expect((list.json["prtf_reports"] as? [[String: Any]])?.map { $0["id"] as? Int } == [id])
            expectMatches(list.json["pagination"], ["current_page": 1, "total_count": 1])
            let shown = try await client.send(.get, "\(Self.reports)/\(id)", token: admin)
            expectMatches(shown.json["prtf_report"], ["id": id, "patient_count": 2])

            let file = try await client.send(.get, "\(Self.reports)/\(id)/download", token: admin)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"PRTF_1234567893_072026_\(madeOn).csv\"")
            #expect(file.headers[.cacheControl] == "no-store")
            let lines = file.text.components(separatedBy: "\r\n")
            #expect(lines.count == 4 && lines.last == "", "header, two members, and the last CRLF: \(lines)")
            #expect(lines.first == CSVLine.make(PRTFColumn.prtf.map(\.header)))
            let provider = ["1234567893", "Sunrise Community Health, Inc.", "9165550100"]
            let enrolled: [String?] = [
                "HN", "Health Net", "91234567A", "Núñez", "Jesús", "02/03/1961", "1500 \"K\" St, Apt 2", "Sacramento", "CA", "95814", "N",
                "9165550147", "Español", "1a", "discontinued", "high", "05/01/2026", "08/15/2026", "Moved out of county", "Jane Coordinator",
                // In person 1 (Jul 2), phone 1 (11:30 pm on the last enrolled day), the SMS after: successful outreach.
                "1", "1", "0", "0", "1", "0", "55", "09/01/2026", "09/01/2026",
            ]
            let outreach: [String?] = [
                nil, nil, "98765432B", "王秀英", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil, "outreach", nil, nil, nil, nil, nil,
                // June's unsuccessful call is the first outreach; Sep 30's call the one in the quarter.
                "0", "0", "0", "0", "1", "0", "5", "06/20/2026", "09/30/2026",
            ]
            #expect(Array(lines.dropFirst().prefix(2)) == [CSVLine.make(provider + enrolled), CSVLine.make(provider + outreach)])
            #expect(lines[1].contains(#","1500 ""K"" St, Apt 2","#))

            await recorder.flush()
            let rows = try await trail.auditChain(after: 0, limit: 200).map(\.entry)
            let made = rows.filter { $0.resource == "prtf_report" && $0.action == .create }
            #expect(made.count == 1 && made.first?.userID == 789 && made.first?.resourceID == Int64(id) && made.first?.status == 201)
            let exported = rows.filter { $0.resource == "prtf_report" && $0.action == .export }
            #expect(exported.count == 1 && exported.first?.userID == 789 && exported.first?.resourceID == Int64(id) && exported.first?.status == 200)
            let everything = rows.map { "\($0)" }.joined(separator: "\n")
            for value in ["Núñez", "91234567A", "王秀英", "Sunrise"] { #expect(!everything.contains(value), "\(value) in the audit trail") }
        }
    }

    @Test(arguments: TestAPI.stores) func onlyTheClinicsAdministratorSeesItsReports(_ store: TestAPI.Store) async throws {
        let (api, admin, otherAdmin) = try await Self.setUp(store)
        let trail = api.store
        let recorder = AuditRecorder(store: trail, logger: Logger(label: "test"))
        try await api.run(audit: recorder, zone: Self.pacific) { client in
            let refused = try await client.send(.post, Self.reports, body: Self.quarter)
            #expect(refused.status == .forbidden, "a coordinator: \(refused.text)")
            let created = try await client.send(.post, Self.reports, body: Self.quarter, token: admin)
            let id = try #require((created.json["prtf_report"] as? [String: Any])?["id"] as? Int)
            #expect((created.json["prtf_report"] as? [String: Any])?["patient_count"] as? Int == 0, "no member, no event: an empty report")
            let empty = try await client.send(.get, "\(Self.reports)/\(id)/download", token: admin)
            #expect(empty.text == CSVLine.make(PRTFColumn.prtf.map(\.header)) + "\r\n")
            #expect(try await client.send(.get, "\(Self.reports)/\(id)/download").status == .forbidden)
            for path in ["\(Self.reports)/\(id)", "\(Self.reports)/\(id)/download", "\(Self.reports)/999999", "\(Self.reports)/x"] {
                let other = try await client.send(.get, path, token: otherAdmin)
                #expect(other.status == .notFound && other.errors == ["Report not found"], "\(path): \(other.text)")
            }
            let theirs = try await client.send(.get, Self.reports, token: otherAdmin)
            #expect((theirs.json["prtf_reports"] as? [[String: Any]])?.isEmpty == true)
            await recorder.flush()
            let rows = try await trail.auditChain(after: 0, limit: 200).map(\.entry)
            #expect(rows.contains { $0.resource == "prtf_report" && $0.action == .create && $0.status == 403 && $0.userID == 456 })
            #expect(rows.contains { $0.resource == "prtf_report" && $0.action == .export && $0.status == 404 && $0.userID == 900 })
        }
    }

    @Test(arguments: TestAPI.stores) func aBadRequestGetsEveryMessageAndKeepsNoReport(_ store: TestAPI.Store) async throws {
        let (api, admin, _) = try await Self.setUp(store)
        try await api.run(zone: Self.pacific) { client in
            let bad = try await client.send(
                .post, Self.reports, body: #"{"start_date": "2026-09-30", "end_date": "2026-07-01", "provider_npi": "12", "provider_phone": "0"}"#, token: admin)
            #expect(bad.status == .unprocessableContent)
            #expect(bad.errors == ["End date must be on or after start date", "Provider NPI is invalid", "Provider phone is invalid"])
            let blank = try await client.send(.post, Self.reports, body: "{}", token: admin)
            #expect(blank.status == .unprocessableContent && blank.errors == ["Start date can't be blank", "End date can't be blank"])
            let notObject = try await client.send(.post, Self.reports, body: "[1]", token: admin)
            #expect(notObject.status == .badRequest, "\(notObject.text)")
            let list = try await client.send(.get, Self.reports, token: admin)
            #expect((list.json["prtf_reports"] as? [[String: Any]])?.isEmpty == true)
        }
    }
}
