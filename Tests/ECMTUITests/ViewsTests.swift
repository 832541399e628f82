import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Saved views in the UI: the picker with live counts, showing a view, saving the list in front.
struct ViewsTests {
    @Test func vListsTheViewsWithTheirCountsAndEnterShowsOne() {
        var harness = Harness()
        harness.answerFetches()
        let effects = harness.press(.character("v"))
        guard case .viewPicker(let picker)? = harness.state.overlay else { Issue.record("no picker"); return }
        #expect(picker.views.map(\.name) == ["My open", "Overdue", "Due today", "Due this week", "Unassigned"])
        #expect(effects.first == .fetch(.views))
        #expect(effects.count == 6, "the list and a count for each built-in view")
        harness.answerFetches()
        guard case .viewPicker(let loaded)? = harness.state.overlay else { Issue.record("no picker"); return }
        #expect(loaded.views.map(\.name) == ["My open", "Overdue", "Due today", "Due this week", "Unassigned", "Late calls", "Team visits"])
        #expect(loaded.counts == [-1: 3, -2: 6, -3: 9, -4: 12, -5: 15, 7: 21, 9: 27])
        #expect(harness.screen.contains("⇄ Team visits (Jasmine R.)"))

        // The shared view: Jasmine's open visits, in the left pane, in the queue's order.
        harness.press(.character("j"), .character("j"), .character("j"), .character("j"), .character("j"), .character("j"))
        let shown = harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.leftMode == .queue && harness.state.focus == .patients)
        #expect(harness.state.activeView == Fixtures.views[1])
        var query = ActivityQuery(page: PageRequest(page: 1, size: harness.state.queue.pageSize), activityType: .inPersonAppointment, status: .created)
        query.assignedToID = 3
        query.order = .due
        #expect(shown.contains(.fetch(.page(.queue(query), generation: harness.state.queue.generation))))
        harness.answerFetches()
        #expect(harness.screen.contains("View · Team visits"))
        // m is my queue again.
        harness.press(.character("m"), .character("m"))
        #expect(harness.state.activeView == SavedView.builtIn[0])
        harness.answerFetches()
        #expect(harness.screen.contains("My queue"))
    }

    /// Unassigned: the clinic's work nobody can act on, not anyone's queue, for handing out again.
    @Test func theUnassignedViewReadsTheClinicsLeftBehindWork() {
        var harness = Harness()
        harness.answerFetches()
        let effects = harness.send(.action(.view("unassigned")))
        #expect(harness.state.activeView == SavedView.builtIn[4])
        let expected = ActivityQuery(
            page: PageRequest(page: 1, size: harness.state.queue.pageSize), status: .created, order: .due, unassigned: true)
        #expect(effects.contains(.fetch(.page(.queue(expected), generation: harness.state.queue.generation))))
        harness.answerFetches()
        #expect(harness.screen.contains("View · Unassigned"))
        // No "new" ordering and no NEW marks: it is nobody's queue.
        #expect(harness.state.queue.selected.map { harness.state.isNew($0) } == false)
    }

    /// Overdue, by the viewer's clock: overdue=true for the viewer.
    @Test func viewNameShowsTheBestMatchAndSaysWhenNoneMatches() {
        var harness = Harness()
        harness.answerFetches()
        harness.send(.action(.view("overdue")))
        #expect(harness.state.activeView.name == "Overdue")
        #expect(harness.fetches.contains { if case .page(.queue(let query), _) = $0 { query.overdue && query.assignedToID == 1 } else { false } })
        harness.send(.action(.view("no such thing")))
        #expect(harness.state.status == AppState.StatusMessage(text: "No view named no such thing (v lists them)", isError: true))
    }

    /// A view of one patient opens that patient's timeline with the view's filters.
    @Test func aPatientsViewOpensTheTimelineFiltered() {
        var harness = Harness()
        harness.answerFetches()
        let view = SavedView(id: 12, name: "José's tasks", filters: ViewFilters(activityType: .task, patientID: 3), shared: false, userID: 1, userName: "Maria Hernández")
        harness.state.savedViews = [view]
        harness.send(.action(.view("jose")))
        #expect(harness.state.focus == .timeline && harness.state.patient?.id == 3)
        #expect(harness.state.timelineFilter == ActivityQuery(activityType: .task))
        harness.answerFetches()
        #expect(harness.state.patient?.name == Fixtures.patient(3).name, "the name came with the rows")
    }

    /// `:view save NAME` saves the list in front: the timeline's patient and filter here.
    @Test func viewSaveSavesTheTimelinesFilterAndSaysSo() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter)
        harness.send(.action(.filter("type=task status=created")))
        let effects = harness.send(.action(.view("share Open tasks")))
        let change = ViewChange(name: "Open tasks", filters: ViewFilters(activityType: .task, status: .created, patientID: 1), shared: true)
        #expect(effects == [.write(.saveView(change))])
        let saved = SavedView(id: 30, name: "Open tasks", filters: change.filters!, shared: true, userID: 1, userName: "Maria Hernández")
        harness.send(.wrote(.saveView(change), .success(.view(saved))))
        #expect(harness.state.status?.text == "Saved view “Open tasks”, shared with the clinic · v lists it")
        #expect(harness.state.savedViews == [saved])
        harness.send(.wrote(.saveView(change), .failure(.validation(["Name has already been taken"]))))
        #expect(harness.state.status == AppState.StatusMessage(text: "Name has already been taken", isError: true))
        harness.send(.action(.view("save")))
        #expect(harness.state.status?.text == "Name the view: :view save NAME")
    }
}
