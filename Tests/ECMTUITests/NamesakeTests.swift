import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Four "Aram Petrosyan" in one caseload (issue 14): the patients pane tells them apart by date
/// of birth, CIN tail and status; the timeline's title and the detail's header say who it is.
struct NamesakeTests {
    static func aram(_ id: Int64, born: (Int, Int, Int)?, cin: String?, status: ECMStatus?, phone: String? = nil) -> Patient {
        var member = MemberRecord()
        member.cin = cin
        member.ecmStatus = status
        member.phone = phone
        if status == .enrolled || status == .discontinued { member.enrollmentStart = CivilDate(year: 2025, month: 7, day: 1) }
        if status == .discontinued { member.enrollmentEnd = CivilDate(year: 2026, month: 2, day: 28) }
        member.healthPlanName = "Health Net"
        member.preferredLanguage = "Armenian"
        member.leadCareManagerID = Fixtures.jasmine.id
        return Patient(
            id: id, name: "Aram Petrosyan", dateOfBirth: born.map { CivilDate(year: $0.0, month: $0.1, day: $0.2)! }, openActivitiesCount: Int(id % 3),
            member: member)
    }

    static let caseload: [Patient] = [
        aram(1, born: (1961, 4, 2), cin: "91234567A", status: .enrolled, phone: "4155550134"),
        aram(2, born: (1961, 4, 2), cin: "98765432B", status: .outreach, phone: "9165557788"),
        aram(3, born: (1958, 10, 19), cin: nil, status: nil),
        aram(4, born: nil, cin: "90000001C", status: .discontinued, phone: "2095550100"),
        Patient(id: 5, name: "Nguyễn Thị Hoa", dateOfBirth: CivilDate(year: 1972, month: 1, day: 9), openActivitiesCount: 4),
    ]

    static func harness(_ size: Size) -> Harness {
        var harness = Harness(size: size)
        harness.answerFetches(activities: 6, caseload: caseload)
        return harness
    }

    /// The patients pane's row of each patient on screen, as text.
    static func rows(_ harness: Harness) -> [Int64: String] {
        let state = harness.state
        guard let pane = state.layout.rect(.patients) else { return [:] }
        let lines = harness.screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        var rows: [Int64: String] = [:]
        for y in pane.y + 2..<pane.maxY - 1 {
            guard let patient = state.patients.item(at: state.patients.top + y - pane.y - 2) else { continue }
            rows[patient.id] = String(lines[y][(pane.x + 1)..<(pane.maxX - 1)])
        }
        return rows
    }

    @Test(arguments: [SnapshotTests.small, Size(width: 120, height: 30), SnapshotTests.wide])
    func namesakesGetRowsOfTheirOwn(size: Size) {
        let rows = Self.rows(Self.harness(size))
        #expect(rows.count == 5)
        #expect(Set(rows.values).count == 5)
        #expect(rows[1]?.contains("1961-04-02 567A E") == true)
        #expect(rows[2]?.contains("1961-04-02 432B O") == true)
        #expect(rows[3]?.contains("1958-10-19 —    ·") == true)
        #expect(rows[4]?.contains("—          001C X") == true)
    }

    @Test func theTimelineTitleCarriesStatusPlanAndPhone() {
        var harness = Self.harness(SnapshotTests.small)
        harness.press(.enter)
        harness.answerFetches(activities: 6, caseload: Self.caseload)
        #expect(harness.screen.contains("Timeline · Aram Petrosyan · enrolled · Health Net · (415) 555-0134 1/6"))
        harness.press(.character("1"), .character("j"), .enter)
        harness.answerFetches(activities: 6, caseload: Self.caseload)
        #expect(harness.screen.contains("Timeline · Aram Petrosyan · outreach · Health Net · (916) 555-7788 1/6"))
        // A patient without a record: the name alone.
        harness.press(.character("1"), .character("j"), .enter)
        harness.answerFetches(activities: 6, caseload: Self.caseload)
        #expect(harness.screen.contains("Timeline · Aram Petrosyan · Health Net 1/6"))
    }

    @Test func theDetailHeaderSaysWhoItIsFor() {
        var harness = Self.harness(SnapshotTests.small)
        harness.press(.enter, .enter)
        harness.answerFetches(activities: 6, caseload: Self.caseload)
        let lines = harness.state.detailLines(width: 78).prefix(3).map(\.value)
        #expect(lines[0] == "Aram Petrosyan (1) · born 1961-04-02 · CIN 91234567A · (415) 555-0134")
        #expect(lines[1] == "enrolled since 2025-07-01 · Health Net · Armenian · lead Jasmine Reyes")
        #expect(lines[2].contains(" 6 · "))
    }

    /// Landed on from the queue, a patient the patients list does not hold is read for their
    /// record, and the title shows it when it comes.
    @Test func aPatientLandedOnFromOutsideTheListIsReadForTheirRecord() {
        var harness = Harness(size: SnapshotTests.wide)
        let others = Self.caseload.filter { $0.id != 2 }
        harness.answerFetches(activities: 6, caseload: others)
        harness.press(.character("m"))
        harness.answerFetches(activities: 6, caseload: others)
        #expect(harness.state.patient?.id == 2)
        #expect(harness.state.patient?.member == Fixtures.patient(2).member)
        #expect(harness.screen.contains("Timeline · \(Fixtures.patient(2).name) · declined · Health Net · (415) 555-0102"))
    }

    /// A saved view of one patient the list does not hold reads the patient for their record.
    @Test func aPatientsSavedViewShowsTheirRecordToo() {
        var harness = Harness()
        harness.answerFetches()
        harness.state.savedViews = [
            SavedView(id: 12, name: "Late tasks of 11", filters: ViewFilters(activityType: .task, patientID: 11), shared: false, userID: 1, userName: "Maria Hernández")
        ]
        harness.send(.action(.view("late tasks")))
        #expect(harness.fetches.contains(.patient(id: 11)))
        harness.answerFetches()
        #expect(harness.state.patient?.id == 11 && harness.state.patient?.member == Fixtures.patient(11).member)
        #expect(harness.state.patient?.member.ecmStatus == .discontinued)
    }

    @Test(arguments: [SnapshotTests.small, SnapshotTests.wide])
    func namesakesSnapshot(size: Size) {
        var harness = Self.harness(size)
        harness.press(.character("j"))
        harness.answerFetches(activities: 6, caseload: Self.caseload)
        expectSnapshot("namesakes", harness, size)
    }

    @Test(arguments: [SnapshotTests.small, SnapshotTests.wide])
    func namesakeTimelineSnapshot(size: Size) {
        var harness = Self.harness(size)
        harness.press(.enter, .enter)
        harness.answerFetches(activities: 6, caseload: Self.caseload)
        expectSnapshot("namesake-detail", harness, size)
    }
}
