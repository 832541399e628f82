import ECMDomain
import ECMTUI
import Testing

/// The cases of issue 9 where the selected row was drawn below the pane.
struct ViewportTests {
    /// Rows of a pane (inside its border) drawn in the focused selection style, with their text.
    static func highlighted(_ pane: Pane, _ harness: Harness) -> [String] {
        let buffer = View.render(harness.state).buffer
        guard let rect = harness.state.layout.rect(pane) else { return [] }
        return (rect.y + 1..<rect.maxY - 1).filter { buffer[rect.x + 1, $0].style.role == .selected }.map { y in
            (rect.x + 1..<rect.maxX - 1).map { buffer[$0, y].text }.joined()
        }
    }

    @Test func twentyJsInPatientsAt80x24KeepTheSelectedPatientOnScreen() {
        var harness = Harness(size: Size(width: 80, height: 24))
        harness.answerFetches(patients: 300)
        for _ in 0..<20 {
            harness.press(.character("j"))
            harness.answerFetches(patients: 300)
        }
        #expect(harness.screen.contains("Patients 21/300"))
        let rows = Self.highlighted(.patients, harness)
        #expect(rows.count == 1)
        // The name's column is 14 wide at 80×24 (beside date of birth, CIN tail, status, open).
        #expect(rows.first?.hasPrefix(Fixtures.patient(21).name.prefix(10)) == true, "\(rows)")
        harness.press(.character("g"))
        harness.answerFetches(patients: 300)
        #expect(Self.highlighted(.patients, harness).first?.hasPrefix(Fixtures.patient(1).name.prefix(10)) == true)
        #expect(harness.screen.split(separator: "\n")[3].contains(Fixtures.patient(1).name.prefix(10)))
    }

    @Test func capitalGOnA63ActivityTimelineAt200x50ShowsTheLastActivity() {
        var harness = Harness(size: Size(width: 200, height: 50))
        harness.answerFetches(activities: 63)
        harness.press(.enter, .character("G"))
        harness.answerFetches(activities: 63)
        #expect(harness.screen.contains("63/63"))
        let rows = Self.highlighted(.timeline, harness)
        #expect(rows.count == 1)
        #expect(rows.first?.contains(Fixtures.activity(1).headline.prefix(20)) == true, "\(rows)")
    }
}
