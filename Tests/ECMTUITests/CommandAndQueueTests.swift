import ECMDomain
import ECMTUI
import Testing

/// The command line, help, filters and the queue.
struct CommandAndQueueTests {
    @Test func helpIsGeneratedFromTheKeymapOfTheFocusedPane() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter, .character("?"))
        #expect(harness.state.overlay == .help)
        let screen = harness.screen
        for binding in Keymap.help(for: .timeline).prefix(10) {
            #expect(screen.contains(binding.action.summary), "\(binding.action.summary)")
        }
        #expect(screen.contains("Marked (Space, V): x X a t D c act on all of them"))
        #expect(screen.contains("filter type/status/who"))
        harness.press(.character("x"))
        #expect(harness.state.overlay == nil)
    }

    /// At the smallest size, help shows every key of every pane whole: none cut off, none cut short.
    @Test(arguments: Pane.allCases)
    func helpAt80x24ShowsEveryKeyOfThePane(pane: Pane) {
        var harness = Harness(size: Size(width: 80, height: 24))
        harness.answerFetches()
        harness.press(.enter)
        harness.send(.action(.focusPane(pane)))
        harness.send(.action(.help))
        let screen = harness.screen
        for entry in Keymap.helpEntries(for: pane) {
            #expect(screen.contains(entry.summary), "\(pane): \(entry.keys) \(entry.summary) missing or cut:\n\(screen)")
        }
    }

    @Test func everyKeyInTheKeymapDoesSomethingNamed() {
        for binding in Keymap.bindings {
            #expect(!binding.action.name.isEmpty)
            #expect(!binding.action.summary.isEmpty)
            for key in binding.keys {
                let pane = binding.panes.first ?? .patients
                #expect(Keymap.action(for: key, in: pane) == binding.action, "\(key.label) in \(pane)")
            }
        }
    }

    @Test func commandsRunActionsByName() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter, .character(":"))
        harness.type("assign Jasm")
        var input = ActivityInput()
        input.assignedToID = .value(3)
        #expect(harness.press(.enter) == [.write(.update(patientID: 1, id: 12, input: input, ifRevision: 4, purpose: .assign))])
        harness.press(.character(":"))
        harness.type("filter status=created type=task")
        let effects = harness.press(.enter)
        #expect(harness.state.timelineFilter == ActivityQuery(activityType: .task, status: .created))
        #expect(effects == [.fetch(.page(.timeline(patientID: 1, ActivityQuery(page: PageRequest(page: 1, size: 100), activityType: .task, status: .created)), generation: 2))])
        harness.press(.character(":"))
        harness.type("new note")
        harness.press(.enter)
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.type == .note)
    }

    @Test func tabCompletesCommandsAndArguments() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character(":"))
        harness.type("as")
        harness.press(.tab)
        guard case .commandLine(let line)? = harness.state.overlay else { Issue.record("closed"); return }
        // The completed command is followed by a space: typing goes on with its argument.
        #expect(line.input.text == "assign ")
        harness.type("m")
        harness.press(.tab)
        guard case .commandLine(let completed)? = harness.state.overlay else { Issue.record("closed"); return }
        #expect(completed.input.text == "assign Maria Hernández")
        harness.press(.escape)
        harness.press(.character(":"))
        harness.type("filter status=c")
        harness.press(.tab)
        guard case .commandLine(let filter)? = harness.state.overlay else { Issue.record("closed"); return }
        #expect(filter.completions == ["filter status=created", "filter status=complete", "filter status=cancelled"])
        #expect(filter.input.text == "filter status=created ")
        harness.press(.escape, .character(":"))
        harness.type("ref")
        harness.press(.tab)
        guard case .commandLine(let refresh)? = harness.state.overlay else { Issue.record("closed"); return }
        #expect(refresh.input.text == "refresh")
    }

    @Test func unknownCommandsSaySo() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character(":"))
        harness.type("frobnicate")
        #expect(harness.press(.enter).isEmpty)
        #expect(harness.state.status == AppState.StatusMessage(text: "Unknown command :frobnicate (? lists keys, Tab completes)", isError: true))
    }

    @Test func theFilterFormCyclesValuesAndApplies() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter, .character("f"))
        harness.press(.right, .right)  // any → task → note
        harness.press(.down, .right)  // status: created
        let effects = harness.press(.enter)
        #expect(harness.state.timelineFilter == ActivityQuery(activityType: .note, status: .created))
        #expect(effects.count == 1)
        #expect(harness.screen.contains("filter: type=note status=created"))
    }

    @Test func theQueueListsMyOpenWorkAndEnterJumpsToTheActivity() {
        var harness = Harness()
        harness.answerFetches()
        let effects = harness.press(.character("m"))
        #expect(harness.state.leftMode == .queue)
        // What is new since the last look (a day ago) comes first; looking now is kept.
        #expect(effects == [
            .write(.lookAtQueue),
            .fetch(.page(.queue(ActivityQuery(
                page: PageRequest(page: 1, size: 100), assignedToID: 1, status: .created, order: .due, newSince: Fixtures.seenAt)), generation: 1)),
        ])
        harness.answerFetches()
        #expect(harness.screen.contains("My queue 1/12"))
        harness.press(.character("j"))
        harness.answerFetches()
        let selected = harness.state.queue.selected!
        #expect(harness.state.detail?.id == selected.id)
        harness.press(.enter)
        #expect(harness.state.leftMode == .patients)
        #expect(harness.state.focus == .timeline)
        #expect(harness.state.patient?.id == selected.patientID)
        harness.answerFetches()
        #expect(harness.state.timeline.selected?.id == selected.id)
        #expect(harness.state.detail?.id == selected.id)
        // Found trying ecm: the Patients pane kept highlighting the patient chosen before.
        #expect(harness.state.patients.selected?.id == selected.patientID)
    }

    /// Issue 9: with the timeline filtered to open tasks, Enter on a note in the queue landed on a task.
    @Test func enterOnAQueueItemTheFilterHidesClearsTheFilterAndLandsOnIt() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter, .character(":"))
        harness.type("filter type=task status=created")
        harness.press(.enter)
        harness.answerFetches()
        harness.press(.character("m"))
        harness.answerFetches()
        while harness.state.queue.selected?.activityType != .note { harness.press(.character("j")); harness.answerFetches() }
        let note = harness.state.queue.selected!
        harness.press(.enter)
        harness.answerFetches()
        #expect(harness.state.timeline.selected?.id == note.id)
        #expect(harness.state.detail?.id == note.id)
        #expect(harness.state.timelineFilter == ActivityQuery())
        #expect(harness.state.status?.text == "Filter cleared to show activity \(note.id)")
        #expect(harness.screen.contains("Filter cleared to show activity \(note.id)"))
    }

    /// Following a link (here Blocked by) to an activity the filter hides lands on exactly it.
    @Test func followingALinkLandsOnTheLinkedActivityEvenWhenTheFilterHidesIt() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.enter, .character(":"))
        harness.type("filter type=task")
        harness.press(.enter)
        harness.answerFetches()
        var detail = Fixtures.detail(of: Fixtures.activity(12))
        detail.blockedByID = 7  // a note: hidden by type=task
        harness.send(.fetched(.detail(patientID: 1, id: 12, generation: harness.state.detailGeneration), .success(.detail(detail))))
        harness.press(.enter)
        let link = harness.state.detailLines(width: 60).firstIndex { $0.link == 7 }!
        for _ in 0..<link { harness.press(.character("j")) }
        harness.answerFetches()
        harness.effects = harness.press(.enter)
        harness.answerFetches()
        #expect(harness.state.detail?.id == 7)
        #expect(harness.state.timeline.selected?.id == 7)
        #expect(harness.state.status?.text == "Filter cleared to show activity 7")
        harness.press(.escape)
        harness.answerFetches()
        #expect(harness.state.detail?.id == 7)
    }

    @Test func theTimelineFollowsTheQueueItemsPatient() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character("m"))
        harness.answerFetches()
        let item = harness.state.queue.selected!
        #expect(harness.state.patient?.id == item.patientID)
        #expect(harness.state.timeline.selected?.id == item.id)
        harness.press(.character("j"))
        harness.answerFetches()
        #expect(harness.state.timeline.selected?.id == harness.state.queue.selected?.id)
    }

    @Test func completingInTheQueueMovesOnToTheNextItem() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character("m"))
        harness.answerFetches()
        let first = harness.state.queue.selected!
        guard case .write(let update)? = harness.press(.character("x")).first else { Issue.record("no write"); return }
        var done = Fixtures.detail(of: first)
        done.status = .complete
        harness.effects = harness.send(.wrote(update, .success(.activity(done))))
        // The queue (open work only) no longer has it: the cursor stays on the row, now the next item.
        var remaining = Fixtures.timelinePage(patientID: 2, total: 12)
        remaining.items.removeFirst()
        remaining.pagination.totalCount = 11
        for case .fetch(let fetch) in harness.effects {
            if case .page(.queue, _) = fetch { harness.send(.fetched(fetch, .success(.activities(remaining)))) }
        }
        #expect(harness.state.queue.cursor == 0)
        #expect(harness.state.queue.selected?.id == remaining.items[0].id)
    }

    /// `o` in the queue cycles its order — soonest due first (its own), oldest, newest — each
    /// read again from the first page, and says which it is.
    @Test func oCyclesTheQueuesOrderAndReadsItAgain() {
        var harness = Harness()
        harness.answerFetches()
        harness.press(.character("m"))
        harness.answerFetches()
        #expect(harness.state.queueOrder == .due)
        for (expected, words) in [(ListOrder.oldest, "oldest first"), (.newest, "newest first"), (.due, "soonest due first")] {
            var before = harness.state
            let effects = harness.press(.character("o"))
            #expect(harness.state.queueOrder == expected)
            #expect(harness.state.status?.text.contains(words) == true, "\(String(describing: harness.state.status))")
            guard case .fetch(.page(.queue(let query), _))? = effects.first else { Issue.record("no queue fetch: \(effects)"); return }
            #expect(query.order == expected && query.page.page == 1 && query.status == .created)
            // Nothing else changed but the order, the list read again, and what the status line says.
            before.queueOrder = expected
            before.queue = harness.state.queue
            before.status = harness.state.status
            before.inFlight = harness.state.inFlight
            #expect(harness.state == before)
            harness.answerFetches()
        }
    }
}
