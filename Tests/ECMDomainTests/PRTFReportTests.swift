import ECMDomain
import Foundation
import Testing

/// The PRTF report's parts one at a time: the request and its messages, the file name, RFC 4180
/// lines, names split into last and first, and the rule on the cases a plan asks about.
struct PRTFReportTests {
    static let pacific = TimeZone(identifier: "America/Los_Angeles")!

    static func request(_ json: String) throws(BackendError) -> PRTFRequest {
        guard case .object(let object)? = try? JSONValue(parsing: Data(json.utf8)) else { fatalError("bad literal") }
        return try PRTFRequest(json: object)
    }

    static func day(_ iso: String) -> CivilDate { CivilDate(iso8601: iso)! }

    /// An instant given as Pacific wall-clock time.
    static func at(_ wallClock: String) -> Timestamp { WallClock.parse(wallClock, pacific)! }

    // MARK: The request

    @Test func aFullRequestIsReadAndTrimmed() throws {
        let request = try Self.request("""
            {"start_date": "2026-07-01", "end_date": "2026-09-30", "provider_npi": " 1234567893 ",
             "provider_name": "Sunrise Community Health", "provider_phone": "(916) 555-0100"}
            """)
        #expect(request == PRTFRequest(
            startDate: Self.day("2026-07-01"), endDate: Self.day("2026-09-30"), providerNPI: "1234567893",
            providerName: "Sunrise Community Health", providerPhone: "9165550100"))
    }

    @Test(arguments: [
        (#"{}"#, ["Start date can't be blank", "End date can't be blank"]),
        (#"{"start_date": "2026-02-30", "end_date": "next week"}"#, ["Start date is invalid", "End date is invalid"]),
        (#"{"start_date": 20260701, "end_date": "2026-09-30"}"#, ["Start date is invalid"]),
        (#"{"start_date": "2026-07-01", "end_date": "2026-06-30"}"#, ["End date must be on or after start date"]),
        (#"{"start_date": "2026-01-01", "end_date": "2027-01-02"}"#, ["End date must be within 366 days of start date"]),
        (#"{"start_date": "2026-07-01", "end_date": "2026-07-01", "provider_npi": "12345"}"#, ["Provider NPI is invalid"]),
        (#"{"start_date": "2026-07-01", "end_date": "2026-07-01", "provider_npi": "12345678ab"}"#, ["Provider NPI is invalid"]),
        (#"{"start_date": "2026-07-01", "end_date": "2026-07-01", "provider_phone": "555-0100"}"#, ["Provider phone is invalid"]),
        (#"{"start_date": "2026-07-01", "end_date": "2026-07-01", "provider_name": ["x"]}"#, ["Provider name is invalid"]),
    ] as [(String, [String])])
    func aBadRequestGetsEveryMessage(_ json: String, _ messages: [String]) {
        #expect(throws: BackendError.validation(messages)) { try Self.request(json) }
    }

    @Test func aLeapYearFitsInOneReportAndADayMoreDoesNot() throws {
        _ = try Self.request(#"{"start_date": "2028-01-01", "end_date": "2028-12-31"}"#)
        #expect(throws: BackendError.validation(["End date must be within 366 days of start date"])) {
            try Self.request(#"{"start_date": "2028-01-01", "end_date": "2029-01-01"}"#)
        }
    }

    @Test func theFileIsNamedByNPIThePeriodsFirstMonthAndTheDayItWasMade() {
        var request = PRTFRequest(startDate: Self.day("2026-07-01"), endDate: Self.day("2026-09-30"), providerNPI: "1234567893")
        #expect(request.filename(madeOn: Self.day("2026-10-05")) == "PRTF_1234567893_072026_10052026.csv")
        request.providerNPI = nil
        #expect(request.filename(madeOn: Self.day("2027-01-15")) == "PRTF_ALL_072026_01152027.csv")
    }

    // MARK: Lines and names

    @Test(arguments: [
        (["a", "b"], "a,b"),
        ([nil, "x", nil], ",x,"),
        (["Núñez, Jesús"], "\"Núñez, Jesús\""),
        (["O\"Brien"], "\"O\"\"Brien\""),
        (["line\nbreak", "carriage\rreturn"], "\"line\nbreak\",\"carriage\rreturn\""),
        (["王秀英", "  spaced  "], "王秀英,  spaced  "),
    ] as [([String?], String)])
    func cellsAreQuotedOnlyWhenTheyMustBe(_ cells: [String?], _ line: String) {
        #expect(CSVLine.make(cells) == line)
    }

    @Test(arguments: [
        ("Aram Petrosyan", "Petrosyan", "Aram"),
        ("María José García López", "López", "María José García"),
        ("Núñez, Jesús", "Núñez", "Jesús"),
        ("  Cher  ", "Cher", nil),
        ("O'Neil, ", "O'Neil", nil),
        ("王 秀英", "秀英", "王"),
    ] as [(String, String, String?)])
    func aNameIsSplitIntoLastAndFirst(_ full: String, _ last: String, _ first: String?) {
        #expect(PersonName(full).last == last)
        #expect(PersonName(full).first == first)
    }

    // MARK: The rule

    static func member(
        _ status: ECMStatus?, start: String? = nil, end: String? = nil, events: [PRTFEvent], name: String = "Aram Petrosyan"
    ) -> PRTFMember {
        var record = MemberRecord()
        record.ecmStatus = status
        record.enrollmentStart = start.map(day)
        record.enrollmentEnd = end.map(day)
        return PRTFMember(patientID: 1, name: name, dateOfBirth: nil, record: record, leadCareManagerName: nil, events: events)
    }

    static let quarter = PRTFPeriod(start: day("2026-07-01"), end: day("2026-09-30"), zone: pacific)

    @Test func aMemberDiscontinuedMidPeriodHasEncountersBeforeAndOutreachAfter() {
        let member = Self.member(.discontinued, start: "2026-03-01", end: "2026-08-15", events: [
            PRTFEvent(type: .call, status: .complete, occurredAt: Self.at("2026-07-10 09:00"), duration: 20),
            PRTFEvent(type: .inPersonAppointment, status: .complete, occurredAt: Self.at("2026-08-15 23:30"), duration: 45),
            PRTFEvent(type: .inPersonAppointment, status: .complete, occurredAt: Self.at("2026-08-16 00:30"), outcome: .successful),
            PRTFEvent(type: .sms, status: .complete, occurredAt: Self.at("2026-09-01 10:00"), outcome: .unsuccessful),
            PRTFEvent(type: .email, status: .complete, occurredAt: Self.at("2026-09-02 10:00")),
            PRTFEvent(type: .call, status: .cancelled, occurredAt: Self.at("2026-09-03 10:00"), duration: 30, outcome: .successful),
        ])
        let tally = PRTFRule.tally(member, period: Self.quarter)
        var expected = PRTFTally()
        expected.phoneEncounters = 1
        expected.inPersonEncounters = 1
        expected.inPersonOutreachSuccessful = 1
        expected.remoteOutreachUnsuccessful = 2
        expected.minutes = 65
        expected.firstOutreach = Self.day("2026-08-16")
        expected.lastContact = Self.day("2026-08-16")
        expected.countedEvents = 5
        #expect(tally == expected)
        #expect(PRTFRule.isListed(member, tally: tally, period: Self.quarter))
    }

    @Test func theEveningOfThePeriodsLastDayIsInItAndTheNextMorningIsNot() {
        let member = Self.member(.outreach, events: [
            PRTFEvent(type: .call, status: .complete, occurredAt: Self.at("2026-09-30 23:59"), outcome: .successful),
            PRTFEvent(type: .call, status: .complete, occurredAt: Self.at("2026-10-01 00:00"), outcome: .successful),
            PRTFEvent(type: .call, status: .complete, occurredAt: Self.at("2026-06-30 23:59"), outcome: .unsuccessful),
        ])
        let tally = PRTFRule.tally(member, period: Self.quarter)
        #expect(tally.remoteOutreachSuccessful == 1 && tally.remoteOutreachUnsuccessful == 0)
        #expect(tally.firstOutreach == Self.day("2026-06-30"), "an outreach before the period is still the first")
        #expect(tally.lastContact == Self.day("2026-09-30"), "nothing after the period's end")
    }

    @Test func anEmptyPeriodListsOnlyWhoWasEnrolledInIt() {
        let enrolled = Self.member(.enrolled, start: "2026-01-01", events: [])
        let enrolledLater = Self.member(.enrolled, start: "2026-10-01", events: [])
        let endedBefore = Self.member(.discontinued, start: "2026-01-01", end: "2026-06-30", events: [])
        let inOutreach = Self.member(.outreach, events: [
            PRTFEvent(type: .task, status: .complete, occurredAt: Self.at("2026-07-02 10:00")),
            PRTFEvent(type: .call, status: .cancelled, occurredAt: Self.at("2026-07-03 10:00")),
        ])
        let listed = [enrolled, enrolledLater, endedBefore, inOutreach].map {
            PRTFRule.isListed($0, tally: PRTFRule.tally($0, period: Self.quarter), period: Self.quarter)
        }
        #expect(listed == [true, false, false, false])
        #expect(PRTFRule.tally(enrolled, period: Self.quarter) == PRTFTally())
    }

    @Test func messagesWhileEnrolledAreContactsButNotEncountersAndNotesAreMinutesOnly() {
        let member = Self.member(.enrolled, start: "2026-01-01", events: [
            PRTFEvent(type: .sms, status: .complete, occurredAt: Self.at("2026-07-05 10:00"), outcome: .successful),
            PRTFEvent(type: .email, status: .created, occurredAt: Self.at("2026-07-06 10:00")),
            PRTFEvent(type: .note, status: .complete, occurredAt: Self.at("2026-07-20 10:00"), duration: 15),
        ])
        let tally = PRTFRule.tally(member, period: Self.quarter)
        var expected = PRTFTally()
        expected.minutes = 15
        expected.lastContact = Self.day("2026-07-05")
        expected.countedEvents = 3
        #expect(tally == expected)
    }

    // MARK: The writer

    @Test func theWriterFillsTheTemplateAndCountsEmptyColumns() {
        var writer = PRTFWriter(
            request: PRTFRequest(startDate: Self.day("2026-07-01"), endDate: Self.day("2026-09-30"), providerNPI: "1234567893"),
            zone: Self.pacific)
        #expect(writer.headerLine.hasPrefix("Provider NPI,Provider Name,Provider Phone,Payer ID,Payer Name,Member CIN,Member Last Name"))
        var record = MemberRecord()
        record.cin = "91234567A"
        record.homeless = true
        record.ecmStatus = .enrolled
        record.enrollmentStart = Self.day("2026-05-01")
        let member = PRTFMember(
            patientID: 7, name: "Núñez, Jesús", dateOfBirth: Self.day("1961-02-03"), record: record, leadCareManagerName: "Maria Lopez",
            events: [PRTFEvent(type: .inPersonAppointment, status: .complete, occurredAt: Self.at("2026-07-01 00:00"), duration: 50)])
        let line = writer.line(for: member)
        #expect(line == "1234567893,,,,,91234567A,Núñez,Jesús,02/03/1961,,,,,Y,,,,enrolled,,05/01/2026,,,Maria Lopez,1,0,0,0,0,0,50,,07/01/2026")
        #expect(writer.line(for: Self.member(.outreach, events: [])) == nil, "no event and never enrolled: no row")
        #expect(writer.listed == 1)
        #expect(writer.emptyColumns == [
            "Provider Name": 1, "Provider Phone": 1, "Payer ID": 1, "Payer Name": 1, "Residential Address": 1, "Residential City": 1,
            "Residential State": 1, "Residential ZIP": 1, "Member Phone": 1, "Preferred Language": 1, "Population of Focus": 1,
            "Acuity Level": 1, "ECM Enrollment End Date": 1, "Discontinuation Reason": 1, "First Outreach Date": 1,
        ])
    }

    // MARK: The documentation

    @Test func theREADMEDocumentsEveryColumnOfTheTemplate() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## The PRTF report").dropFirst().first?.components(separatedBy: "\n## ").first)
        for column in PRTFColumn.prtf { #expect(section.contains(column.header), "\(column.header) is not in the README's PRTF section") }
    }
}
