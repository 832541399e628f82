import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Changing activities from the keyboard: the exact writes, and what the screen says after.
struct ActivityActionTests {
    /// Timeline focused on activity 12 (a task: 12 % 6 == 0), its detail loaded (revision 4).
    static func onATask(subtasks: Int = 0) -> Harness {
        var harness = Harness()
        harness.answerFetches(subtasks: subtasks)
        harness.press(.enter)
        return harness
    }

    static let task12 = CommentEditor.Target.activity(ActivityKey(patientID: 1, id: 12), name: "task 12 for José Núñez García")

    /// The comment goes to the activity selected when the editor opened, even when a refresh or a
    /// key moved the selection while it was written.
    @Test func aCommentGoesWhereTheEditorOpenedEvenIfTheSelectionMoves() {
        var harness = Self.onATask()
        harness.press(.character("c"))
        harness.send(.action(.moveDown))  // as a landing or a refresh might
        harness.answerFetches()
        #expect(harness.state.selectedActivity?.id == 11)
        harness.type("Called back")
        #expect(harness.press(.control("s")) == [.write(.comment(patientID: 1, activityID: 12, body: "Called back"))])
        #expect(harness.screen.contains("Comment on task 12 for José Núñez García"))
    }

    @Test func xCompletesTheSelectedActivityWithItsRevision() {
        var harness = Self.onATask()
        #expect(harness.state.timeline.selected?.activityType == .task)
        var input = ActivityInput()
        input.status = .value("complete")
        #expect(harness.press(.character("x")) == [.write(.update(patientID: 1, id: 12, input: input, ifRevision: 4, purpose: .complete))])
        #expect(harness.state.inFlight == 1)
    }

    @Test func xOnADoneActivityReopensItAndCapitalXCancels() {
        var harness = Self.onATask()
        harness.press(.character("j"))
        harness.answerFetches()
        #expect(harness.state.timeline.selected?.status == .complete)  // activity 11
        var reopen = ActivityInput()
        reopen.status = .value("created")
        #expect(harness.press(.character("x")) == [.write(.update(patientID: 1, id: 11, input: reopen, ifRevision: 4, purpose: .reopen))])
        var cancel = ActivityInput()
        cancel.status = .value("cancelled")
        #expect(harness.press(.character("X")) == [.write(.update(patientID: 1, id: 11, input: cancel, ifRevision: 4, purpose: .cancel))])
    }

    @Test func aSuccessfulWriteSaysSoAndRereads() {
        var harness = Self.onATask()
        let write = harness.press(.character("x"))
        guard case .write(let update)? = write.first else { Issue.record("no write"); return }
        var done = Fixtures.detail(of: Fixtures.activity(12, status: .complete), revision: 5)
        done.status = .complete
        let effects = harness.send(.wrote(update, .success(.activity(done))))
        #expect(harness.state.status?.text == "Completed · task 12 · u undoes")
        #expect(harness.state.detail?.status == .complete)
        #expect(harness.state.timeline.selected?.status == .complete)
        #expect(effects.contains { if case .fetch(.page(.timeline, _)) = $0 { true } else { false } })
    }

    @Test func aConflictSaysChangedBySomeoneElseAndReloads() {
        var harness = Self.onATask()
        guard case .write(let update)? = harness.press(.character("x")).first else { Issue.record("no write"); return }
        let effects = harness.send(.wrote(update, .failure(.conflict)))
        #expect(harness.state.status == AppState.StatusMessage(text: "Changed by someone else — reloaded", isError: true))
        #expect(effects.contains { if case .fetch(.detail(1, 12, _)) = $0 { true } else { false } })
    }

    /// `t` takes the selected activity with the revision read: mine already says so, someone
    /// else's asks first, and when someone changed it first the status line says who holds it.
    @Test func tTakesAnActivityAndSaysWhoWonARace() {
        var harness = Self.onATask()
        #expect(harness.press(.character("t")).isEmpty)
        #expect(harness.state.status?.text == "Task 12 is already yours")
        harness.press(.character("j"))  // activity 11: Tuan's visit
        harness.answerFetches()
        #expect(harness.press(.character("t")).isEmpty)
        guard case .confirm(let confirmation)? = harness.state.overlay else { Issue.record("no confirmation"); return }
        #expect(confirmation.question == "Take Visit 11 from Tuan P.?")
        #expect(harness.screen.contains("Take Visit 11 from Tuan P.? y/N"))
        var input = ActivityInput()
        input.assignedToID = .value(Fixtures.maria.id)
        let take = Write.update(patientID: 1, id: 11, input: input, ifRevision: 4, purpose: .claim)
        #expect(harness.press(.character("y")) == [.write(take)])
        // Someone took it first: refused by If-Match, read again, and the holder named.
        var before = harness.state
        let effects = harness.send(.wrote(take, .failure(.conflict)))
        #expect(harness.state.claimLost == ActivityKey(patientID: 1, id: 11))
        guard let reread = effects.compactMap({ if case .fetch(.detail(1, 11, let generation)) = $0 { generation } else { nil } }).first else {
            Issue.record("the activity is not read again: \(effects)")
            return
        }
        var taken = Fixtures.detail(of: Fixtures.activity(11))
        taken.assignedToID = Fixtures.jasmine.id
        taken.assignedToName = Fixtures.jasmine.name
        taken.revision = 5
        harness.send(.fetched(.detail(patientID: 1, id: 11, generation: reread), .success(.detail(taken))))
        #expect(harness.state.claimLost == nil)
        #expect(harness.state.status == AppState.StatusMessage(text: "Someone changed Visit 11 first: it is now assigned to Jasmine R.", isError: true))
        #expect(harness.state.detail == taken)
        // Nothing was taken: the write is not retried.
        before.claimLost = nil
        #expect(!harness.effects.contains { if case .write = $0 { true } else { false } })
        // Taken when nobody beat us.
        harness.press(.character("t"))
        guard case .confirm(let again)? = harness.state.overlay, case .write(let second) = again.onYes else { Issue.record("no second ask"); return }
        #expect(again.question == "Take Visit 11 from Jasmine R.?")
        harness.press(.character("y"))
        var mine = taken
        mine.assignedToID = Fixtures.maria.id
        mine.assignedToName = Fixtures.maria.name
        harness.send(.wrote(second, .success(.activity(mine))))
        #expect(harness.state.status?.text == "Taken: now yours · visit 11 · u undoes")
    }

    @Test func deleteAsksFirstSayingWhatGoesWithIt() {
        var harness = Self.onATask(subtasks: 3)
        harness.press(.character("D"))
        guard case .confirm(let confirmation)? = harness.state.overlay else { Issue.record("no confirmation"); return }
        // It names the activity, its patient and what goes with it.
        #expect(confirmation.question == "Delete Task 12 “Follow up with patient about medication” for José Núñez García and 3 subtasks, 2 comments?")
        #expect(harness.screen.contains("Delete Task 12 “Follow up with patient about medication” for José Núñez García"))
        #expect(harness.screen.contains("and 3 subtasks, 2 comments? y/N"))
        #expect(harness.screen.contains("y: delete · n, Esc or Enter: no"))
        #expect(harness.press(.character("n")).isEmpty)
        #expect(harness.state.overlay == nil)
        harness.press(.character("D"))
        #expect(harness.press(.character("y")) == [.write(.delete(patientID: 1, id: 12, ifRevision: 4))])
    }

    @Test func subtasksOnlyOnTasksAndTheStatusLineSaysWhy() {
        var harness = Self.onATask()
        harness.press(.character("j"))  // activity 11: an in-person appointment
        harness.answerFetches()
        #expect(harness.press(.character("s")).isEmpty)
        #expect(harness.state.status == AppState.StatusMessage(text: "Subtasks can only be added to tasks (this is a visit)", isError: true))
        harness.press(.character("k"))
        harness.answerFetches()
        harness.press(.character("s"))
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.mode == .create(patientID: 1, parentID: 12))
        #expect(form.type == .task)
    }

    @Test func xInTheSubtasksPaneTogglesTheSelectedSubtask() {
        var harness = Self.onATask(subtasks: 3)
        harness.press(.character("5"), .character("j"))
        #expect(harness.state.subtasksCursor == 1)
        var input = ActivityInput()
        input.status = .value("complete")
        // With the revision its list row carries: someone's change since is refused, not overwritten.
        #expect(harness.press(.character("x")) == [.write(.update(patientID: 1, id: 901, input: input, ifRevision: 1, purpose: .complete))])
    }

    /// An activity that is not in the timeline (deleted meanwhile) cannot be landed on: the
    /// status line says so, and cursor and detail agree on the first row.
    @Test func openingASubtaskThatIsNotInTheTimelineSaysWhy() {
        var harness = Self.onATask(subtasks: 3)
        harness.press(.character("5"), .character("j"))
        harness.effects = harness.press(.enter)
        harness.answerFetches(subtasks: 3)
        #expect(harness.state.status == AppState.StatusMessage(text: "Activity 901 is not in this timeline any more", isError: true))
        #expect(harness.state.timeline.selected?.id == 12)
        #expect(harness.state.detail?.id == 12)
    }

    @Test func aCommentIsWrittenInlineAndSavedWithCtrlS() {
        var harness = Self.onATask()
        harness.press(.character("c"))
        harness.type("Left voicemail")
        harness.press(.enter)
        harness.type("Will try at 3pm")
        #expect(harness.screen.contains("Left voicemail"))
        let effects = harness.press(.control("s"))
        #expect(effects == [.write(.comment(patientID: 1, activityID: 12, body: "Left voicemail\nWill try at 3pm"))])
        harness.send(.wrote(.comment(patientID: 1, activityID: 12, body: "x"), .success(.comment(Comment(id: 9, body: "x", userID: 1, userName: "Maria Hernández", createdAt: Fixtures.now)))))
        #expect(harness.state.overlay == nil)
        #expect(harness.state.status?.text == "Comment added")
    }

    @Test func ctrlEHandsTheCommentToTheEditorAndTakesItBack() {
        var harness = Self.onATask()
        harness.press(.character("c"))
        harness.type("Draft")
        #expect(harness.press(.control("e")) == [.openEditor(text: "Draft", target: .comment)])
        harness.send(.editorFinished("Draft, finished in vi\n", .comment))
        #expect(harness.state.overlay == .commentEditor(CommentEditor(TextInput("Draft, finished in vi", multiline: true), target: Self.task12)))
    }

    @Test func theNewFormHasExactlyTheTypesFieldsAndChecksThemBeforeSending() {
        var harness = Self.onATask()
        harness.press(.character("n"))
        #expect(harness.state.overlay == .typePicker(TypePicker(patientID: 1, parentID: nil)))
        harness.press(.character("v"))
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.rows.map(\.field) == [.bookedAt, .assignedToID, .subject, .body, .outcome, .duration, .dueAt, .occurredAt, .blockedByID, .blockingID])
        #expect(form.rows.filter(\.required).map(\.field) == [.bookedAt, .assignedToID])
        #expect(form.assignee == Fixtures.maria)
        #expect(harness.press(.control("s")).isEmpty)
        guard case .form(let checked)? = harness.state.overlay else { Issue.record("form closed"); return }
        #expect(checked.errors == [.bookedAt: ["Booked at can't be blank"]])
        #expect(harness.screen.contains("! Booked at can't be blank"))
        harness.type("2024-12-01 14:00")
        harness.press(.tab, .control("u"))
        harness.type("jas")
        harness.press(.tab)
        harness.type("Monthly Check-in")
        var expected = ActivityInput()
        expected.activityType = .value("in_person_appointment")
        expected.bookedAt = .value(Timestamp(iso8601: "2024-12-01T14:00:00Z")!)
        expected.assignedToID = .value(3)
        expected.subject = .value("Monthly Check-in")
        #expect(harness.press(.control("s")) == [.write(.create(patientID: 1, input: expected))])
    }

    /// What was just created is where the cursor and the detail land, even if the filter hides it.
    @Test func aNewNoteIsLandedOnWhenTheFilterShowsOnlyTasks() {
        var harness = Self.onATask()
        harness.press(.character(":"))
        harness.type("filter type=task")
        harness.press(.enter)
        harness.answerFetches()
        harness.press(.character("n"), .character("n"))
        harness.type("Discussed diet")
        guard case .write(let create)? = harness.press(.control("s")).first else { Issue.record("no write"); return }
        harness.effects = harness.send(.wrote(create, .success(.activity(Fixtures.detail(of: Fixtures.activity(13))))))
        harness.answerFetches(activities: 13)
        #expect(harness.state.timeline.selected?.id == 13)
        #expect(harness.state.detail?.id == 13)
        #expect(harness.state.status?.text == "Created note 13 · filter cleared to show activity 13")
    }

    @Test func backendValidationMessagesLandNextToTheirFields() {
        var harness = Self.onATask()
        harness.press(.character("n"), .character("t"))
        harness.type("Call pharmacy")
        guard case .write(let create)? = harness.press(.control("s")).first else { Issue.record("no write"); return }
        harness.send(.wrote(create, .failure(.validation(["Assigned to must exist", "Something else went wrong"]))))
        guard case .form(let form)? = harness.state.overlay else { Issue.record("form closed"); return }
        #expect(form.errors == [.assignedToID: ["Assigned to must exist"]])
        #expect(form.generalErrors == ["Something else went wrong"])
        #expect(form.submitting == false)
        #expect(form.rows.first?.input.text == "Call pharmacy")
    }

    @Test func escOnAFilledInFormAsksBeforeThrowingTheTextAway() {
        var harness = Self.onATask()
        harness.press(.character("n"), .character("t"))
        harness.type("Half-typed")
        guard case .form(let typed)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(harness.press(.escape).isEmpty)
        guard case .confirm(let question)? = harness.state.overlay else { Issue.record("Esc did not ask"); return }
        #expect(question.question == "Discard what you typed?")
        #expect(harness.screen.contains("Discard what you typed? y/N"))
        #expect(harness.screen.contains("n, Esc or Enter: back to the form"))
        // No: back to the form exactly as it was.
        harness.press(.character("n"))
        #expect(harness.state.overlay == .form(typed))
        harness.press(.escape, .escape)
        #expect(harness.state.overlay == .form(typed))
        harness.press(.escape, .character("y"))
        #expect(harness.state.overlay == nil)
        #expect(harness.state.status?.text == "Nothing was saved")
        // An untouched form closes at once, and so do a subtask form and the user picker.
        harness.press(.character("n"), .character("t"), .escape)
        #expect(harness.state.overlay == nil)
        harness.press(.character("s"))
        harness.type("Fax it")
        harness.press(.escape)
        guard case .confirm = harness.state.overlay else { Issue.record("Esc on a subtask form did not ask"); return }
        harness.press(.character("y"), .character("a"))
        harness.type("tu")
        harness.press(.escape)
        #expect(harness.state.overlay == nil)
    }

    @Test func escOnACommentAsksAndAFailedSaveKeepsTheText() {
        var harness = Self.onATask()
        harness.press(.character("c"))
        harness.type("Left voicemail")
        guard case .write(let write)? = harness.press(.control("s")).first else { Issue.record("no write"); return }
        harness.send(.wrote(write, .failure(.unavailable("Cannot reach the ecm server"))))
        #expect(harness.state.overlay == .commentEditor(CommentEditor(TextInput("Left voicemail", multiline: true), target: Self.task12)))
        harness.press(.escape)
        guard case .confirm = harness.state.overlay else { Issue.record("Esc did not ask"); return }
        harness.press(.escape)
        #expect(harness.state.overlay == .commentEditor(CommentEditor(TextInput("Left voicemail", multiline: true), target: Self.task12)))
        harness.press(.escape, .character("y"))
        #expect(harness.state.overlay == nil)
        #expect(harness.state.status?.text == "Comment discarded")
    }

    @Test func aFailedSavePutsTheCursorOnTheFirstFieldWithAnErrorAndKeepsTheFormatHint() {
        var harness = Self.onATask()
        harness.press(.character("n"), .character("v"))
        harness.type("tomorrow at 2")
        harness.press(.tab, .tab)
        harness.type("Monthly Check-in")
        guard case .form(let before)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(before.focus == 2)
        harness.press(.control("s"))
        guard case .form(let form)? = harness.state.overlay else { Issue.record("form closed"); return }
        #expect(form.focus == 0)
        #expect(form.rows[0].input.text == "tomorrow at 2")
        #expect(form.rows[2].input.text == "Monthly Check-in")
        let lines = harness.screen.split(separator: "\n")
        let error = lines.firstIndex { $0.contains("! Booked at is invalid") }
        let hint = lines.firstIndex { $0.contains("e.g. 2024-12-01 14:00") }
        #expect(error != nil && hint != nil && abs(error! - hint!) == 1, "\(harness.screen)")
    }

    @Test func quitAsksOnlyWhenInputWouldBeLost() {
        var harness = Self.onATask()
        harness.press(.character("n"), .character("t"))
        harness.type("Half-typed")
        harness.press(.control("c"))
        guard case .confirm(let confirmation)? = harness.state.overlay else { Issue.record("no question"); return }
        #expect(confirmation.question == "Discard what you typed and quit?")
        harness.press(.character("n"))
        guard case .form = harness.state.overlay else { Issue.record("the form was lost"); return }
        harness.press(.escape, .character("y"))
        #expect(harness.press(.character("q")) == [.quit])
    }

    @Test func editSendsOnlyWhatChanged() {
        var harness = Self.onATask()
        harness.press(.character("e"))
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        #expect(form.rows.first?.input.text == "Follow up with patient about medication")
        harness.press(.control("u"))
        harness.type("Follow up about the new inhaler")
        var expected = ActivityInput()
        expected.message = .value("Follow up about the new inhaler")
        #expect(harness.press(.control("s")) == [.write(.update(patientID: 1, id: 12, input: expected, ifRevision: 4, purpose: .form))])
    }

    @Test func assignPicksByTypingPartOfAName() {
        var harness = Self.onATask()
        harness.press(.character("a"))
        harness.type("tuan")
        var input = ActivityInput()
        input.assignedToID = .value(2)
        #expect(harness.press(.enter) == [.write(.update(patientID: 1, id: 12, input: input, ifRevision: 4, purpose: .assign))])
    }
}

/// Times in forms are the coordinator's wall-clock times, as the UI shows them.
struct FormTimeTests {
    @Test func aTimeWithoutOffsetIsReadInTheUIsTimeZone() {
        var harness = Harness()
        harness.state.configuration.timeZone = TimeZone(identifier: "America/Los_Angeles")!
        harness.answerFetches()
        harness.press(.enter, .character("n"), .character("v"))
        harness.type("2024-12-01 14:00")
        guard case .form(let form)? = harness.state.overlay else { Issue.record("no form"); return }
        // 14:00 in Los Angeles in December (UTC−8) is 22:00Z.
        #expect(form.input().bookedAt == .value(Timestamp(iso8601: "2024-12-01T22:00:00Z")!))
        #expect(Clock.parse("2024-07-01 14:00", TimeZone(identifier: "America/Los_Angeles")!) == Timestamp(iso8601: "2024-07-01T21:00:00Z"))
        #expect(Clock.parse("2024-12-01T14:00:00Z", TimeZone(identifier: "America/Los_Angeles")!) == Timestamp(iso8601: "2024-12-01T14:00:00Z"))
        #expect(Clock.parse("2024-12-01T14:00:00-05:00", TimeZone(identifier: "America/Los_Angeles")!) == Timestamp(iso8601: "2024-12-01T19:00:00Z"))
        #expect(Clock.formText(Timestamp(iso8601: "2024-12-01T22:00:00Z")!, TimeZone(identifier: "America/Los_Angeles")!) == "2024-12-01 14:00")
    }
}

/// Reassigning ranks names as `:assign` completion does (issue 9, item 4).
struct ReassignMatchingTests {
    static let anahit = User(id: 7, name: "Anahit Petrosyan")
    static let rosa = User(id: 8, name: "Rosa Villanueva")

    @Test func typingTheStartOfAFirstNamePicksThatPersonOverOneWhoseNameContainsIt() {
        var harness = ActivityActionTests.onATask()
        harness.state.users = [Self.anahit, Self.rosa]
        harness.press(.character("a"))
        harness.type("ros")
        var input = ActivityInput()
        input.assignedToID = .value(Self.rosa.id)
        #expect(harness.press(.enter) == [.write(.update(patientID: 1, id: 12, input: input, ifRevision: 4, purpose: .assign))])
    }

    @Test func theCommandLineCompletesTheSameWay() {
        var harness = ActivityActionTests.onATask()
        harness.state.users = [Self.anahit, Self.rosa]
        harness.press(.character(":"))
        harness.type("assign ro")
        harness.press(.tab)
        guard case .commandLine(let line)? = harness.state.overlay else { Issue.record("no command line"); return }
        #expect(line.input.text.hasPrefix("assign Rosa Villanueva"))
    }
}
