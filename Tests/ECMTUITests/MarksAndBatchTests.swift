import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Marks, batch actions and undo: the whole state after each step, and the exact writes.
struct MarksAndBatchTests {
    /// Timeline of patient 1 focused on activity 12 (task, open; its detail read, so its row is at
    /// the detail's revision 4), then 11 (visit, complete), 10 (email, open), rows at revision 1.
    static func onTheTimeline() -> Harness {
        ActivityActionTests.onATask()
    }

    static func status(_ value: ActivityStatus) -> ActivityInput {
        var input = ActivityInput()
        input.status = .value(value.rawValue)
        return input
    }

    @Test func spaceMarksAndMovesDownTheTitleCountsAndEscClears() {
        var harness = Self.onTheTimeline()
        let row12 = harness.state.timeline.selected!
        var expected = harness.state
        harness.press(.character(" "))
        harness.answerFetches()
        expected.marks = [12: MarkedActivity(row12)]
        expected.timeline.move(by: 1, rows: harness.state.layout.rows(.timeline))
        #expect(harness.state.marks == expected.marks)
        #expect(harness.state.timeline.cursor == expected.timeline.cursor)
        harness.press(.character(" "))
        harness.answerFetches()
        #expect(Set(harness.state.marks.keys) == [12, 11])
        #expect(harness.screen.contains("Timeline · José Núñez García · 2 marked"))
        // Each marked row leads with ✔; the unmarked ones do not.
        let rows = harness.screen.split(separator: "\n").filter { $0.contains("✔") }
        #expect(rows.count == 2, "\(harness.screen)")

        // Space again on a marked row unmarks it.
        harness.press(.character("k"))
        harness.answerFetches()
        harness.press(.character(" "))
        #expect(Set(harness.state.marks.keys) == [12])

        // Esc clears the marks first, and stays in the timeline.
        harness.press(.escape)
        #expect(harness.state.marks.isEmpty)
        #expect(harness.state.focus == .timeline)
        #expect(harness.state.status?.text == "Cleared 1 mark")
        #expect(!harness.screen.contains("marked"))
    }

    /// x with marks: one question naming what is marked, then one batch of writes, each with the
    /// revision its row had when marked; a conflict is reported, not retried; u reverses the rest.
    @Test func xCompletesTheMarkedReportsAConflictAndUUndoesTheRest() {
        var harness = Self.onTheTimeline()
        harness.press(.character(" "), .character(" "), .character(" "))  // 12, 11 (complete already), 10
        harness.answerFetches()
        #expect(Set(harness.state.marks.keys) == [12, 11, 10])

        harness.press(.character("x"))
        guard case .confirm(let question)? = harness.state.overlay, case .batch(let run) = question.onYes else {
            Issue.record("no question: \(String(describing: harness.state.overlay))")
            return
        }
        #expect(question.question == "Complete 1 task and 1 email of 1 patient? 1 marked is like that already.")
        #expect(harness.writes.isEmpty)

        let effects = harness.press(.character("y"))
        let job = BatchJob(id: 1, writes: [
            .update(patientID: 1, id: 10, input: Self.status(.complete), ifRevision: 1, purpose: .complete),
            .update(patientID: 1, id: 12, input: Self.status(.complete), ifRevision: 4, purpose: .complete),
        ])
        #expect(effects == [.batch(job)])
        #expect(run.job == job)
        #expect(harness.state.batchRun?.items.map(\.id) == [10, 12])
        #expect(harness.state.status?.text == "Completing 0 of 2 · Esc stops")
        #expect(harness.state.inFlight == 1)

        // A second batch waits for the first.
        harness.press(.character("X"))
        #expect(harness.state.overlay == nil)
        #expect(harness.state.status?.isError == true)

        harness.send(.batchProgress(id: 1, [.done(revision: 2)]))
        #expect(harness.state.status?.text == "Completing 1 of 2 · Esc stops")
        let finished = harness.send(.batchProgress(id: 1, [.changed]))
        #expect(harness.state.batchRun == nil)
        #expect(harness.state.inFlight == finished.filter { if case .fetch = $0 { true } else { false } }.count)
        #expect(harness.state.status?.text == "Completed 1 of 2 · 1 changed by someone else, left as it is · u undoes")
        #expect(harness.state.status?.isError == true)
        guard case .batchReport(let report)? = harness.state.overlay else { Issue.record("no report"); return }
        #expect(report.rows.map(\.outcome) == [.changed, .done(revision: 2)])
        #expect(report.rows.first?.label.hasPrefix("Task 12 · José Núñez García") == true)
        // What was done is unmarked; what someone else changed, and what was already so, stay marked.
        #expect(Set(harness.state.marks.keys) == [11, 12])
        #expect(harness.state.undo == UndoEntry(
            done: "Completed 1 of 2",
            writes: [.update(patientID: 1, id: 10, input: Self.status(.created), ifRevision: 2, purpose: .undo)],
            items: [run.items[0]]))
        #expect(harness.screen.contains("changed by someone else"))

        harness.press(.escape)
        #expect(harness.state.overlay == nil)
        harness.press(.escape)  // clears the marks left
        let undo = harness.press(.character("u"))
        #expect(undo == [.batch(BatchJob(id: 2, writes: [
            .update(patientID: 1, id: 10, input: Self.status(.created), ifRevision: 2, purpose: .undo)
        ]))])
        #expect(harness.state.undo == nil)
        harness.send(.batchProgress(id: 2, [.done(revision: 3)]))
        #expect(harness.state.status?.text == "Undone: Completed 1 of 2")
        // Nothing more to undo, and it says what can be.
        harness.press(.escape)
        harness.press(.character("u"))
        #expect(harness.state.status?.text.hasPrefix("Nothing to undo") == true)
        #expect(harness.effects.isEmpty)
    }

    /// A single action's undo is the reverse write with the revision the action left; someone's
    /// change since makes it refuse, and say so.
    @Test func uUndoesOneActionWithItsRevisionAndRefusesAfterAChange() {
        var harness = Self.onTheTimeline()
        guard case .write(let complete)? = harness.press(.character("x")).first else { Issue.record("no write"); return }
        var done = Fixtures.detail(of: Fixtures.activity(12, status: .complete), revision: 5)
        done.status = .complete
        harness.send(.wrote(complete, .success(.activity(done))))
        let reverse = Write.update(patientID: 1, id: 12, input: Self.status(.created), ifRevision: 5, purpose: .undo)
        #expect(harness.state.undo == UndoEntry(done: "Completed · task 12", writes: [reverse]))
        #expect(harness.state.undoable.isEmpty)
        #expect(harness.press(.character("u")) == [.write(reverse)])
        harness.send(.wrote(reverse, .failure(.conflict)))
        #expect(harness.state.undo == nil)
        #expect(harness.state.status == AppState.StatusMessage(text: "Not undone: it was changed since (by you or someone else) — reloaded", isError: true))

        // x again reopens it (the list says complete); undone, the status line says what was undone.
        guard case .write(let reopen)? = harness.press(.character("x")).first else { Issue.record("no write"); return }
        var open = done
        open.status = .created
        open.revision = 6
        harness.send(.wrote(reopen, .success(.activity(open))))
        let again = Write.update(patientID: 1, id: 12, input: Self.status(.complete), ifRevision: 6, purpose: .undo)
        #expect(harness.press(.character("u")) == [.write(again)])
        done.revision = 7
        harness.send(.wrote(again, .success(.activity(done))))
        #expect(harness.state.status?.text == "Undone: Reopened · task 12")
        #expect(harness.state.undo == nil)
    }

    @Test func aDeleteCannotBeUndoneAndSaysSo() {
        var harness = Self.onTheTimeline()
        guard case .write(let complete)? = harness.press(.character("x")).first else { Issue.record("no write"); return }
        harness.send(.wrote(complete, .success(.activity(Fixtures.detail(of: Fixtures.activity(12, status: .complete), revision: 5)))))
        #expect(harness.state.undo != nil)
        harness.send(.wrote(.delete(patientID: 1, id: 11, ifRevision: 1), .success(.deleted)))
        #expect(harness.state.undo == nil)
        harness.press(.character("u"))
        #expect(harness.state.status?.text
            == "Nothing to undo (completing, reopening, cancelling, assigning and taking can be undone; deleting and saving a form cannot)")
    }

    /// V marks every item of the list (all pages, read for the purpose), not only the loaded ones.
    @Test func capitalVMarksEveryItemOfTheList() {
        var harness = Harness()
        harness.answerFetches(activities: 250)
        harness.press(.enter)
        let effects = harness.press(.character("V"))
        var query = ActivityQuery()
        query.page = PageRequest(page: 1, size: 100)
        #expect(effects == [.fetch(.allItems(.timeline(patientID: 1, query), generation: 1))])
        harness.answerFetches(activities: 250)
        #expect(harness.state.marks.count == 100)  // the fixture answers one page of 100: all it has for a read
        #expect(harness.state.status?.text == "Marked 100 more · 100 marked · Esc clears")
    }

    /// Esc while a batch runs asks the runner to send no more; what was not sent is reported so.
    @Test func escStopsARunningBatch() {
        var harness = Self.onTheTimeline()
        harness.press(.character(" "), .character(" "), .character(" "))
        harness.answerFetches()
        harness.press(.character("X"))
        #expect((harness.state.overlay.flatMap { if case .confirm(let c) = $0 { c.question } else { nil } }) == "Cancel 1 task, 1 email and 1 visit of 1 patient?")
        harness.press(.character("y"))
        #expect(harness.press(.escape) == [.stopBatch(id: 1)])
        #expect(harness.state.status?.text == "Cancelling 0 of 3 · stopping…")
        #expect(harness.state.marks.count == 3)  // Esc stopped the batch; it did not clear the marks
        harness.send(.batchProgress(id: 1, [.done(revision: 2), .notRun, .notRun]))
        guard case .batchReport(let report)? = harness.state.overlay else { Issue.record("no report"); return }
        #expect(report.rows.map(\.outcome) == [.notRun, .notRun, .done(revision: 2)])
        #expect(harness.state.status?.text == "Cancelled 1 of 3 · 2 not done · u undoes")
        #expect(harness.state.marks.count == 2)
    }

    /// Assigning the marked: the picker, then one question naming the user, then the batch.
    @Test func aWithMarksAssignsThemAllAfterOneQuestion() {
        var harness = Self.onTheTimeline()
        harness.press(.character(" "), .character(" "))
        harness.answerFetches()
        harness.press(.character("a"))
        harness.type("jas")
        harness.press(.enter)
        guard case .confirm(let question)? = harness.state.overlay else { Issue.record("no question"); return }
        #expect(question.question == "Assign 1 task and 1 visit of 1 patient to Jasmine Reyes?")
        harness.press(.character("y"))
        var input = ActivityInput()
        input.assignedToID = .value(Fixtures.jasmine.id)
        #expect(harness.effects == [.batch(BatchJob(id: 1, writes: [
            .update(patientID: 1, id: 11, input: input, ifRevision: 1, purpose: .assign),
            .update(patientID: 1, id: 12, input: input, ifRevision: 4, purpose: .assign),
        ]))])
    }

    /// Invariant over generated outcomes: every item is reported exactly once, problems first; an
    /// item stays marked exactly when it was not done and still exists; undo covers exactly the
    /// items done.
    @Test(arguments: 0..<40)
    func everyOutcomeIsReportedAndOnlyWhatWasDoneIsUnmarked(seed: Int) {
        var random = SeededGenerator(seed: UInt64(seed))
        var harness = Harness()
        harness.answerFetches(activities: 40)
        harness.press(.enter)
        harness.answerFetches(activities: 40)
        for _ in 0..<Int.random(in: 1...30, using: &random) {
            harness.press(Bool.random(using: &random) ? .character(" ") : .character("j"))
            harness.answerFetches(activities: 40)
        }
        guard !harness.state.marks.isEmpty else { return }
        harness.press(.character("X"))
        guard case .confirm(let question)? = harness.state.overlay, case .batch(let run) = question.onYes else { return }
        harness.press(.character("y"))
        let choices: [BatchOutcome] = [.done(revision: 9), .changed, .gone, .failed("Server error"), .done(revision: 7)]
        let outcomes = run.items.map { _ in choices.randomElement(using: &random)! }
        var sent = 0
        while sent < outcomes.count {
            let chunk = Int.random(in: 1...5, using: &random)
            harness.send(.batchProgress(id: run.job.id, Array(outcomes[sent..<min(outcomes.count, sent + chunk)])))
            sent += chunk
        }
        guard case .batchReport(let report)? = harness.state.overlay else { Issue.record("no report"); return }
        #expect(report.rows.count == run.items.count)
        let firstDone = report.rows.firstIndex { if case .done = $0.outcome { true } else { false } } ?? report.rows.count
        #expect(report.rows[firstDone...].allSatisfy { if case .done = $0.outcome { true } else { false } })
        for (item, outcome) in zip(run.items, outcomes) {
            let kept = harness.state.marks[item.id] != nil
            switch outcome {
            case .done, .gone: #expect(!kept)
            default: #expect(kept)
            }
        }
        let undone = Set(harness.state.undo?.items.map(\.id) ?? [])
        #expect(undone == Set(zip(run.items, outcomes).filter { if case .done = $1 { true } else { false } }.map(\.0.id)))
    }
}
