import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Over generated caseloads (namesakes among them, member records full, partial or empty) and
/// every width from 40 to 250 at generated heights: no line is wider than the terminal; at 80
/// columns and more the patients pane's selected row is on screen and highlighted, and every
/// row shown carries its patient's date of birth, CIN tail and status, so that namesakes who
/// differ in them never share a row's text.
struct NamesakePropertyTests {
    static var seeds: [UInt64] {
        if let seed = ProcessInfo.processInfo.environment["ECM_PROPERTY_SEED"].flatMap(UInt64.init) { return [seed] }
        return Array(1...12)
    }

    /// A caseload in which every third patient is one more "Aram Petrosyan"; CIN tails are
    /// unique, dates of birth and statuses random (or missing).
    static func caseload(_ random: inout SeededGenerator) -> [Patient] {
        let count = Int.random(in: 2...70, using: &random)
        return (1...count).map { number in
            let id = Int64(number)
            var member = MemberRecord()
            if Bool.random(using: &random) || number % 3 == 0 {
                member.cin = "9\(1_000_000 + number * 7)" + ["A", "K", "Z"].randomElement(using: &random)!
            }
            if Bool.random(using: &random) { member.phone = "415555\(1000 + number)" }
            member.ecmStatus = [nil, .outreach, .enrolled, .declined, .discontinued].randomElement(using: &random)!
            if Bool.random(using: &random) { member.healthPlanName = ["Health Net", "Anthem Blue Cross Partnership Plan", "L.A. Care"].randomElement(using: &random)! }
            let born = Bool.random(using: &random) || number % 3 == 0
                ? CivilDate(year: Int.random(in: 1930...2010, using: &random), month: Int.random(in: 1...12, using: &random), day: Int.random(in: 1...28, using: &random))
                : nil
            let name = number % 3 == 0 ? "Aram Petrosyan" : ["P\(id) Nguyễn Thị Hoa", "P\(id) 王秀英", "P\(id) Maria Cristina dela Cruz Villanueva"][number % 3]
            return Patient(id: id, name: name, dateOfBirth: born, openActivitiesCount: Int.random(in: 0...120, using: &random), member: member)
        }
    }

    @Test func namesakesStayApartAtEveryWidth() {
        for seed in Self.seeds {
            var random = SeededGenerator(seed: seed)
            let caseload = Self.caseload(&random)
            var harness = Harness(size: Size(width: 80, height: 24))
            harness.answerFetches(activities: 3, caseload: caseload)
            for _ in 0..<Int.random(in: 0...caseload.count, using: &random) { harness.press(.character("j")) }
            for width in 40...250 {
                let size = Size(width: width, height: Int.random(in: 20...60, using: &random))
                harness.send(.resize(size))
                if let problem = Self.problem(harness, caseload) {
                    Issue.record("seed \(seed) at \(size.width)×\(size.height): \(problem)")
                    return
                }
            }
        }
    }

    /// The issue's "done when": with a member's timeline focused, their status and phone are on
    /// screen at every width the UI lays out (in the title, else in the detail's header beside
    /// it), and the title keeps the list's position.
    @Test func statusAndPhoneStayOnScreenWithTheTimelineAtEveryWidth() {
        var harness = NamesakeTests.harness(Size(width: 80, height: 24))
        harness.press(.enter)
        harness.answerFetches(activities: 6, caseload: NamesakeTests.caseload)
        var random = SeededGenerator(seed: 14)
        for width in 80...250 {
            let size = Size(width: width, height: Int.random(in: 24...60, using: &random))
            harness.send(.resize(size))
            harness.answerFetches(activities: 6, caseload: NamesakeTests.caseload)
            let screen = harness.screen
            for text in ["Timeline · Aram Petrosyan", "enrolled", "(415) 555-0134", "1/6 ─"] where !screen.contains(text) {
                Issue.record("\(text) is not on screen at \(size.width)×\(size.height):\n\(screen)")
                return
            }
        }
    }

    static func problem(_ harness: Harness, _ caseload: [Patient]) -> String? {
        let state = harness.state
        let buffer = View.render(state).buffer
        let lines = buffer.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        if let wide = lines.first(where: { DisplayWidth.of(String($0)) > state.size.width }) { return "a line is wider than the terminal: \(wide)" }
        guard !state.size.isBelowMinimum else { return nil }
        guard let pane = state.layout.rect(.patients) else { return "no patients pane while it is focused" }
        let list = state.patients
        let rowsShown = pane.height - 3
        guard list.cursor >= list.top, list.cursor < list.top + rowsShown else {
            return "the cursor \(list.cursor) is outside rows \(list.top)..<\(list.top + rowsShown)"
        }
        var seen: [String: Patient] = [:]
        for row in 0..<rowsShown {
            guard let patient = list.item(at: list.top + row) else { continue }
            let y = pane.y + 2 + row
            let text = (pane.x + 1..<pane.maxX - 1).map { buffer[$0, y].text }.joined()
            let selected = buffer[pane.x + 1, y].style.role == .selected
            if selected != (list.top + row == list.cursor) { return "row \(list.top + row) highlighted: \(selected), cursor at \(list.cursor)" }
            let tags = [
                MemberText.born(patient.dateOfBirth).padded(toWidth: 10), MemberText.cinTail(patient.member.cin).padded(toWidth: 4),
                MemberText.statusLetter(patient.member.ecmStatus),
            ]
            guard text.contains(tags.joined(separator: " ")) else { return "the row of patient \(patient.id) is \"\(text)\", without \(tags)" }
            if let other = seen[text] { return "patients \(other.id) and \(patient.id) share the row \"\(text)\"" }
            seen[text] = patient
        }
        return nil
    }
}
