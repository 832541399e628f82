import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Whole screens as text, compared with the golden files in Snapshots/ (reviewed like code).
/// After a deliberate change of the UI: `ECM_RECORD_SNAPSHOTS=1 swift test --filter SnapshotTests`,
/// then read the diff of Snapshots/ before committing it.
struct SnapshotTests {
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 160, height: 48)

    static func main(_ size: Size) -> Harness {
        var harness = Harness(size: size)
        harness.answerFetches(patients: 40, activities: 30, subtasks: 3)
        return harness
    }

    @Test(arguments: [small, large])
    func patientsAndTimeline(size: Size) {
        expectSnapshot("patients", Self.main(size), size)
    }

    @Test(arguments: [small, large])
    func timelineFocused(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .character("j"), .character("j"))
        harness.answerFetches(patients: 40, activities: 30, subtasks: 3)
        expectSnapshot("timeline", harness, size)
    }

    @Test(arguments: [small, large])
    func detailWithCommentsAndSubtasks(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .enter)
        expectSnapshot("detail", harness, size)
    }

    @Test(arguments: [small, large])
    func help(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .character("?"))
        expectSnapshot("help", harness, size)
    }

    @Test(arguments: [small, large])
    func newTaskFormWithErrors(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .character("n"), .character("t"), .control("s"))
        expectSnapshot("form", harness, size)
    }

    /// F1 over the form: its keys, from its binding table, over the form itself.
    @Test(arguments: [small, large])
    func formKeys(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .character("n"), .character("t"), .function(1))
        expectSnapshot("form-keys", harness, size)
    }

    @Test(arguments: [small, large])
    func queue(size: Size) {
        var harness = Self.main(size)
        harness.press(.character("m"))
        harness.answerFetches(patients: 40, activities: 30)
        expectSnapshot("queue", harness, size)
    }

    static let wide = Size(width: 200, height: 50)

    /// Three rows marked in the timeline: ✔ leads them and the title counts them.
    @Test(arguments: [small, wide])
    func marked(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .character(" "), .character("j"), .character(" "), .character(" "))
        harness.answerFetches(patients: 40, activities: 30, subtasks: 3)
        expectSnapshot("marked", harness, size)
    }

    /// A finished batch: its summary, then each item's outcome, what went wrong first.
    @Test(arguments: [small, wide])
    func batchReport(size: Size) {
        var harness = Self.main(size)
        harness.press(.enter, .character(" "), .character(" "), .character(" "), .character(" "))
        harness.answerFetches(patients: 40, activities: 30, subtasks: 3)
        harness.press(.character("X"), .character("y"))
        guard let run = harness.state.batchRun else { Issue.record("no batch"); return }
        harness.send(.batchProgress(id: run.job.id, [.done(revision: 2), .changed, .done(revision: 5), .gone]))
        expectSnapshot("batch-report", harness, size)
    }

    /// The saved views with their live counts (⇄ marks one shared by someone else).
    @Test(arguments: [small, wide])
    func viewPicker(size: Size) {
        var harness = Self.main(size)
        harness.press(.character("v"))
        harness.answerFetches(patients: 40, activities: 30, subtasks: 3)
        harness.press(.character("j"))
        expectSnapshot("view-picker", harness, size)
    }

    @Test func tooSmall() {
        expectSnapshot("too-small", Self.main(Size(width: 70, height: 20)), Size(width: 70, height: 20))
    }

    /// Accents, combining marks, CJK, emoji, right-to-left text and escape sequences in the data
    /// stay aligned to their columns and never reach the terminal as control characters.
    @Test(arguments: [small, large])
    func hostileText(size: Size) {
        var harness = Harness(size: size)
        harness.answerFetches(patients: 8, activities: 6)
        harness.press(.enter)
        var page = Fixtures.timelinePage(total: 6)
        page.items[0].message = "Cafe\u{301} con 王秀英 👩‍⚕️ 🎉 and מטופל חדש"
        page.items[0].activityType = .task
        page.items[1].subject = "\u{1B}[2J\u{1B}[31mred alert\u{07}"
        page.items[1].body = nil
        harness.send(.fetched(.page(.timeline(patientID: 1, ActivityQuery(page: PageRequest(page: 1, size: 100))), generation: harness.state.timeline.generation), .success(.activities(page))))
        var detail = Fixtures.detail(of: page.items[0], comments: 1)
        detail.body = String(repeating: "Patient needs a long explanation about the new regimen. ", count: 6) + "\u{1B}]0;pwned\u{07}"
        detail.comments[0].body = "Línea uno\nسطر اثنين\n第三行 — done ✅"
        harness.send(.fetched(.detail(patientID: 1, id: detail.id, generation: harness.state.detailGeneration), .success(.detail(detail))))
        let screen = harness.screen
        #expect(!screen.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
        expectSnapshot("hostile-text", harness, size)
    }
}

/// Compares the rendered screen — its text, then its style runs — with `Snapshots/<name>-<W>x<H>.txt`.
func expectSnapshot(_ name: String, _ harness: Harness, _ size: Size, sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent("\(name)-\(size.width)x\(size.height).txt")
    let actual = harness.screen + "\n\n--- styles ---\n" + harness.styles + "\n"
    #expect(harness.state.size == size, sourceLocation: sourceLocation)
    if ProcessInfo.processInfo.environment["ECM_RECORD_SNAPSHOTS"] == "1" {
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("No snapshot \(file.lastPathComponent): record it with ECM_RECORD_SNAPSHOTS=1 and review it", sourceLocation: sourceLocation)
        return
    }
    if actual != expected {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let firstDifference = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record(
            "\(file.lastPathComponent) differs from line \(firstDifference + 1):\nexpected: \(firstDifference < e.count ? e[firstDifference] : "")\nactual:   \(firstDifference < a.count ? a[firstDifference] : "")",
            sourceLocation: sourceLocation)
    }
}
