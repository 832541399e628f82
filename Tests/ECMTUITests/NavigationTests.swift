import ECMDomain
import ECMTUI
import Testing

/// Moving around: keys in, exact state and effects out.
struct NavigationTests {
    @Test func startingAsksForTheUserTheTeamAndTheFirstPageOfPatients() {
        let harness = Harness()
        #expect(harness.effects == [
            .fetch(.me), .fetch(.users),
            .fetch(.page(.patients(PatientQuery(page: PageRequest(page: 1, size: 100))), generation: 0)),
            .fetch(.queueSeen),
        ])
        #expect(harness.state.inFlight == 4)
        #expect(harness.state.focus == .patients)
    }

    @Test func theFirstPatientsTimelineAndTheNewestActivityOpenByThemselves() {
        var harness = Harness()
        harness.answerFetches()
        #expect(harness.state.patient?.id == 1)
        #expect(harness.state.timeline.count == 12)
        #expect(harness.state.detail?.id == 12)
        #expect(harness.state.inFlight == 0)
        #expect(harness.state.me == Fixtures.maria)
    }

    @Test func jInPatientsShowsTheNextPatientsTimeline() {
        var harness = Harness()
        harness.answerFetches()
        let effects = harness.press(.character("j"))
        #expect(harness.state.patients.cursor == 1)
        #expect(harness.state.patient?.id == 2)
        #expect(effects == [.fetch(.page(.timeline(patientID: 2, ActivityQuery(page: PageRequest(page: 1, size: 100))), generation: 2))])
        #expect(harness.state.timeline.isLoaded == false)
    }

    @Test func enterMovesFromPatientsToTimelineToDetailAndEscGoesBack() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter)
        #expect(harness.state.focus == .timeline)
        let effects = harness.press(.character("j"))
        #expect(harness.state.timeline.cursor == 1)
        #expect(effects.count == 1)
        guard case .fetch(.detail(1, 11, _))? = effects.first else {
            Issue.record("expected the detail of activity 11, got \(effects)")
            return
        }
        harness.press(.enter)
        #expect(harness.state.focus == .detail)
        harness.press(.escape)
        #expect(harness.state.focus == .timeline)
        harness.press(.escape)
        #expect(harness.state.focus == .patients)
    }

    @Test func numbersTabAndHLMoveFocus() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character("4"))
        #expect(harness.state.focus == .comments)
        harness.press(.tab)
        #expect(harness.state.focus == .subtasks)
        harness.press(.tab)
        #expect(harness.state.focus == .patients)
        harness.press(.backTab)
        #expect(harness.state.focus == .subtasks)
        harness.press(.character("h"), .character("h"))
        #expect(harness.state.focus == .detail)
        harness.press(.character("l"))
        #expect(harness.state.focus == .comments)
    }

    @Test func gGPagesAndHalfPagesStayInsideTheList() {
        var harness = Harness()
        harness.answerFetches(activities: 60)
        harness.press(.enter, .character("G"))
        #expect(harness.state.timeline.cursor == 59)
        harness.press(.character("g"))
        #expect(harness.state.timeline.cursor == 0)
        harness.press(.pageDown)
        let rows = harness.state.layout.rows(.timeline)
        #expect(harness.state.timeline.cursor == rows)
        harness.press(.control("u"))
        #expect(harness.state.timeline.cursor == rows - rows / 2)
        harness.press(.up, .up, .up, .pageUp, .pageUp)
        #expect(harness.state.timeline.cursor == 0)
    }

    @Test func pagesLoadAsTheCursorNearsThemAndFarPagesAreDropped() {
        var harness = Harness()
        harness.answerFetches(activities: 1000)
        harness.press(.enter)
        var asked: [Int] = []
        for _ in 0..<80 {
            for case .page(.timeline(_, let query), _) in harness.press(.character("j")).compactMap(\.fetch) { asked.append(query.page.page) }
        }
        #expect(asked == [2])
        #expect(harness.state.timeline.item(at: 79) != nil)
        #expect(harness.state.timeline.item(at: 100) == nil)
        // Jumping to the end asks for the last page only, and drops the first.
        harness.answerFetches(activities: 1000)
        let effects = harness.press(.character("G"))
        #expect(effects.compactMap(\.fetch).contains { if case .page(.timeline(_, let q), _) = $0 { q.page.page == 10 } else { false } })
        harness.effects = effects
        harness.answerFetches(activities: 1000)
        #expect(harness.state.timeline.selected?.id == 1)
        #expect(harness.state.timeline.pages[1] == nil)
        #expect(harness.state.timeline.pages.count <= 2 * 3 + 1)
    }

    @Test func lateAnswersForAnOldQueryAreIgnored() {
        var harness = Harness()
        harness.answerFetches()
        let oldQuery = PatientQuery(page: PageRequest(page: 1, size: 100))
        harness.press(.character("/"))
        harness.type("nunez")
        #expect(harness.state.patientQuery.search == "nunez")
        let generation = harness.state.patients.generation
        #expect(generation > 0)
        harness.send(.fetched(.page(.patients(oldQuery), generation: 0), .success(.patients(Fixtures.patientsPage(total: 50)))))
        #expect(harness.state.patients.isLoaded == false)
    }

    @Test func searchTypesLiveAndEscClearsIt() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character("/"))
        let effects = harness.press(.character("n"))
        #expect(effects == [.fetch(.page(.patients(PatientQuery(page: PageRequest(page: 1, size: 100), search: "n")), generation: harness.state.patients.generation))])
        #expect(harness.state.patients.isLoaded == false)
        harness.press(.enter)
        #expect(harness.state.overlay == nil)
        #expect(harness.state.patientQuery.search == "n")
        harness.press(.escape)
        #expect(harness.state.patientQuery.search == nil)
    }

    @Test func resizingKeepsEverything() {
        var harness = Harness()
        harness.answerFetches(activities: 60)
        harness.press(.enter, .character("G"))
        harness.answerFetches(activities: 60)
        let before = harness.state
        harness.send(.resize(Size(width: 80, height: 24)))
        #expect(harness.state.timeline.cursor == before.timeline.cursor)
        #expect(harness.state.detail == before.detail)
        #expect(harness.state.focus == .timeline)
        let rows = harness.state.layout.rows(.timeline)
        #expect(harness.state.timeline.top <= harness.state.timeline.cursor)
        #expect(harness.state.timeline.cursor < harness.state.timeline.top + rows)
    }

    @Test func liveRefreshRereadsWhatIsOnScreenAndKeepsTheCursorOnItsActivity() {
        var harness = Harness()
        harness.answerFetches(activities: 12)
        harness.press(.enter, .character("j"), .character("j"))
        harness.answerFetches(activities: 12)
        let selected = harness.state.timeline.selected?.id
        #expect(selected == 10)
        #expect(harness.send(.tick(Fixtures.now.adding(seconds: 5))).isEmpty)
        let effects = harness.send(.tick(Fixtures.now.adding(seconds: 11)))
        #expect(effects.compactMap(\.fetch).contains { if case .page(.timeline, _) = $0 { true } else { false } })
        #expect(effects.compactMap(\.fetch).contains { if case .page(.patients, _) = $0 { true } else { false } })
        #expect(effects.compactMap(\.fetch).contains { if case .detail(_, 10, _) = $0 { true } else { false } })
        // Another coordinator added two activities: the list grows at the top, the cursor follows activity 10.
        harness.effects = effects
        harness.answerFetches(activities: 14)
        #expect(harness.state.timeline.selected?.id == 10)
        #expect(harness.state.timeline.cursor == 4)
        #expect(harness.state.lastRefresh == Fixtures.now.adding(seconds: 11))
    }

    /// Issue 9: with the server gone, "refreshed" kept advancing and the error was cut at 80 columns.
    @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 30)])
    func anOutageSaysOfflineSinceAndHowOldTheDataIsUntilAReadSucceeds(size: Size) {
        var harness = Harness(size: size)
        harness.answerFetches()
        let message = "Cannot reach the ecm server at http://127.0.0.1:43523: Connection refused (errno: 111)"
        func failAll(at time: Timestamp) {
            harness.send(.tick(time))
            for fetch in harness.fetches { harness.send(.fetched(fetch, .failure(.unavailable(message)))) }
        }
        failAll(at: Fixtures.now.adding(seconds: 65))
        #expect(harness.state.offlineSince == Fixtures.now.adding(seconds: 65))
        failAll(at: Fixtures.now.adding(seconds: 185))
        let lines = harness.screen.split(separator: "\n").map(String.init)
        let bottom = lines.suffix(2).joined(separator: " ").split(separator: " ").joined(separator: " ")
        #expect(lines.last?.contains("offline since 18:01 · data from 18:00 · ? help") == true, "\(lines.last ?? "")")
        #expect(bottom.contains(message), "\(bottom)")
        #expect(!harness.screen.contains("refreshed"))
        // Reads succeed again: back to normal.
        harness.press(.character("r"))
        harness.answerFetches()
        #expect(harness.state.offlineSince == nil)
        #expect(harness.screen.contains("refreshed 18:03:05 · ? help"))
        #expect(!harness.screen.contains("offline"))
    }

    @Test func aFailingBackendShowsTheErrorAndTheUIStaysUsable() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character("r"))
        let timelineFetch = harness.fetches.first { if case .page(.timeline, _) = $0 { true } else { false } }!
        harness.send(.fetched(timelineFetch, .failure(.unavailable("Cannot reach the ecm server at https://ecm.clinic.example: connection refused"))))
        #expect(harness.state.status == AppState.StatusMessage(text: "Cannot reach the ecm server at https://ecm.clinic.example: connection refused", isError: true))
        #expect(harness.screen.contains("Cannot reach the ecm server"))
        harness.press(.character("j"))
        #expect(harness.state.patients.cursor == 1)
        #expect(harness.state.status == nil)
    }
}

extension Effect {
    var fetch: Fetch? { if case .fetch(let fetch) = self { fetch } else { nil } }
}
