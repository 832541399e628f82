import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// The member record's one table of fields: how each value is read from a request or a member
/// file's cell, the Rails-style messages, the rules across fields, and the JSON both ways.
struct MemberRecordTests {
    static func change(_ json: String) throws(BackendError) -> MemberChange {
        guard case .object(let object)? = try? JSONValue(parsing: Data(json.utf8)) else { fatalError("bad literal") }
        return try MemberChange(json: object)
    }

    @Test func aFullRecordIsReadAndNormalised() throws {
        let record = try Self.change("""
            {"cin": " 91234567a ", "phone": "+1 (916) 555-0147", "preferred_language": "Tagalog",
             "address_street": "1500 Capitol Ave", "address_city": "Sacramento", "address_state": "ca", "address_zip": "95814-1234",
             "homeless": false, "health_plan_name": "Health Net", "health_plan_id": "HN-88231", "population_of_focus": "1a",
             "ecm_status": "Enrolled", "enrollment_start": "2026-01-05", "enrollment_end": null, "discontinuation_reason": "",
             "acuity": "high", "lead_care_manager_id": 7}
            """).applied(to: MemberRecord())
        #expect(record.cin == "91234567A")
        #expect(record.phone == "9165550147")
        #expect(record.addressState == "CA" && record.addressZIP == "95814-1234")
        #expect(record.homeless == false)
        #expect(record.ecmStatus == .enrolled && record.acuity == .high)
        #expect(record.enrollmentStart == CivilDate(year: 2026, month: 1, day: 5) && record.enrollmentEnd == nil)
        #expect(record.discontinuationReason == nil, "a blank string clears")
        #expect(record.leadCareManagerID == 7)
        #expect(MemberChange.messages(for: record).isEmpty)
    }

    @Test func everyBadValueIsReportedAtOnceInTheTablesOrder() {
        #expect(throws: BackendError.validation([
            "CIN is invalid", "Phone is invalid", "Address state is invalid", "Address ZIP is invalid", "Homeless must be true or false",
            "Population of focus is too long (maximum is 100 characters)", "ECM status is not included in the list",
            "Enrollment start is invalid", "Acuity is not included in the list", "Lead care manager must exist",
        ])) {
            try Self.change("""
                {"cin": "1234567A", "phone": "555-0147", "address_state": "Calif", "address_zip": "9581", "homeless": "maybe",
                 "population_of_focus": "\(String(repeating: "x", count: 101))", "ecm_status": "active", "enrollment_start": "2026-02-30",
                 "acuity": 3, "lead_care_manager_id": "Maria"}
                """)
        }
    }

    @Test(arguments: [
        ("91234567A", "91234567A"), ("91234567a", "91234567A"), ("9123456A", nil), ("912345678", nil), ("91234567AB", nil), ("9123 567A", nil),
    ] as [(String, String?)])
    func aCINIsEightDigitsAndALetter(_ text: String, _ expected: String?) {
        switch MemberField.cin.read(text: text) {
        case .success(let value): #expect(value == expected.map(MemberField.Value.text))
        case .failure(let problem): #expect(expected == nil && problem.message == "CIN is invalid")
        }
    }

    @Test func memberFileCellsReadAsRequestsDo() throws {
        #expect(try MemberField.enrollmentStart.read(text: "07-01-2026").get() == .date(CivilDate(year: 2026, month: 7, day: 1)!))
        #expect(try MemberField.enrollmentEnd.read(text: "7/31/2026").get() == .date(CivilDate(year: 2026, month: 7, day: 31)!))
        #expect(try MemberField.homeless.read(text: "Y").get() == .bool(true))
        #expect(try MemberField.leadCareManagerID.read(text: "12").get() == .integer(12))
        #expect(try MemberField.acuity.read(text: " HIGH ").get() == .text("high"))
        #expect(try MemberField.phone.read(text: "").get() == nil)
    }

    @Test func rulesAcrossFields() {
        var record = MemberRecord()
        record.ecmStatus = .discontinued
        #expect(MemberChange.messages(for: record) == [
            "Enrollment start can't be blank", "Enrollment end can't be blank", "Discontinuation reason can't be blank",
        ])
        record.enrollmentStart = CivilDate(year: 2026, month: 3, day: 1)
        record.enrollmentEnd = CivilDate(year: 2026, month: 2, day: 1)
        record.discontinuationReason = "Moved out of county"
        #expect(MemberChange.messages(for: record) == ["Enrollment end must be on or after enrollment start"])
        record.enrollmentEnd = record.enrollmentStart
        #expect(MemberChange.messages(for: record).isEmpty)
        record.ecmStatus = .outreach
        record.enrollmentStart = nil
        #expect(MemberChange.messages(for: record) == [], "an outreach member needs no dates")
    }

    /// Any record, written as JSON and read back (as a request, and as the REST client decodes
    /// a patient), is the same record; every field is written, null when not recorded.
    @Test func anyRecordRoundTripsThroughJSON() throws {
        var random = SplitMix64(seed: 14)
        for _ in 0..<300 {
            let record = Self.randomRecord(&random)
            let bytes = JSONWriter.bytes(of: record)
            guard case .object(let object) = try JSONValue(parsing: Data(bytes)) else { Issue.record("not an object"); return }
            #expect(Set(object.keys) == Set(MemberField.allCases.map(\.rawValue)))
            #expect(try MemberChange(json: object).applied(to: MemberRecord()) == record)
            #expect(MemberRecord(json: object) == record)
            #expect(try JSONDecoder().decode(MemberRecord.self, from: Data(bytes)) == record)
        }
    }

    static func randomRecord(_ random: inout SplitMix64) -> MemberRecord {
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &random) ? value() : nil }
        var record = MemberRecord()
        record.cin = maybe(String(format: "%08d", Int.random(in: 0..<100_000_000, using: &random)) + "ABCXYZ".randomElement(using: &random)!.description)
        record.phone = maybe("916555" + String(format: "%04d", Int.random(in: 0..<10_000, using: &random)))
        record.preferredLanguage = maybe(["Español", "Tiếng Việt", "中文", "Tagalog"].randomElement(using: &random)!)
        record.addressStreet = maybe("12 \"Quoted\", Ave")
        record.addressCity = maybe("San José")
        record.addressState = maybe("CA")
        record.addressZIP = maybe(Bool.random(using: &random) ? "95814" : "95814-1234")
        record.homeless = maybe(Bool.random(using: &random))
        record.healthPlanName = maybe("Anthem Blue Cross")
        record.healthPlanID = maybe("X-\(Int.random(in: 1...9999, using: &random))")
        record.populationOfFocus = maybe("3")
        record.ecmStatus = maybe(ECMStatus.allCases.randomElement(using: &random)!)
        record.enrollmentStart = maybe(CivilDate(year: 2025, month: Int.random(in: 1...12, using: &random), day: 1)!)
        record.enrollmentEnd = maybe(CivilDate(year: 2026, month: Int.random(in: 1...12, using: &random), day: 28)!)
        record.discontinuationReason = maybe("Unable to reach")
        record.acuity = maybe(Acuity.allCases.randomElement(using: &random)!)
        record.leadCareManagerID = maybe(Int64.random(in: 1...500, using: &random))
        return record
    }
}
