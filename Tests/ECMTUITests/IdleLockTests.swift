import ECMDomain
import ECMTUI
import Testing

/// Automatic logoff: after the idle time (or when the server ends the session) the screen is
/// cleared, what was read is dropped, and over a server the coordinator signs in again and is
/// back where they were; on a local store the UI ends saying why.
struct IdleLockTests {
    static func harness(overServer: Bool, idleSeconds: Int = 60) -> Harness {
        var harness = Harness()
        harness.state.configuration.idleLockSeconds = idleSeconds
        harness.state.configuration.signInAvailable = overServer
        harness.answerFetches()
        // Open the second patient's timeline and its third activity's detail.
        harness.press(.down, .enter)
        harness.answerFetches()
        harness.press(.down, .down, .enter)
        harness.answerFetches()
        return harness
    }

    static func later(_ seconds: Int64) -> Timestamp { Timestamp(milliseconds: Fixtures.now.milliseconds + seconds * 1000) }

    /// No name of any fixture patient, no activity text: nothing of the caseload on screen.
    static func expectNoCaseload(_ screen: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for id in Int64(1)...8 {
            #expect(!screen.contains(Fixtures.patient(id).name), "\(Fixtures.patient(id).name) still on screen", sourceLocation: sourceLocation)
        }
        #expect(!screen.contains("Timeline"), sourceLocation: sourceLocation)
    }

    /// A key that came while the loop was stalled (no tick for 12 s: a loaded machine drawing its
    /// first screen) is not idle time: it was dated with the stale clock of the tick before, and
    /// the next tick locked a UI that had just been used (the tmux test saw it end at once).
    @Test func aKeyDuringAStallIsNotIdleTime() {
        var harness = Self.harness(overServer: false, idleSeconds: 10)
        harness.send(.tick(Self.later(1)))
        // The loop dates each key with the clock (TerminalApp sends .clock before it).
        harness.send(.clock(Self.later(12)))
        harness.press(.character("r"))
        let effects = harness.send(.tick(Self.later(13)))
        #expect(!effects.contains(.quit) && harness.state.exitMessage == nil)
        #expect(harness.state.lastInputAt == Self.later(12))
        // Then nothing for 10 s: it locks.
        #expect(harness.send(.tick(Self.later(23))).contains(.quit))
    }

    @Test func overAServerItLocksClearsAndAsksToSignIn() throws {
        var harness = Self.harness(overServer: true)
        let before = harness.state
        #expect(before.detail != nil && before.patient != nil)
        #expect(harness.screen.contains(try #require(before.patient?.name)))
        // A key at 50 s resets the count: nothing happens at 61 s.
        harness.send(.tick(Self.later(50)))
        harness.press(.character("k"))
        harness.send(.tick(Self.later(61)))
        #expect(harness.state.lock == nil)
        // 60 s after the last key it locks.
        let effects = harness.send(.tick(Self.later(111)))
        #expect(effects == [.endSession])
        #expect(harness.state.lock == LockScreen(reason: .idle(seconds: 60)))
        #expect(harness.state.patient == nil && harness.state.detail == nil && harness.state.me == nil && harness.state.users.isEmpty)
        #expect(!harness.state.patients.isLoaded && !harness.state.timeline.isLoaded)
        #expect(harness.state.resume == ResumePoint(
            focus: before.focus, leftMode: .patients, patientID: before.patient?.id,
            activity: ActivityKey(patientID: before.detail!.patientID, id: before.detail!.id)))
        let screen = harness.screen
        #expect(screen.contains("Locked after 1 minute idle"))
        #expect(screen.contains("Sign in to resume where you were."))
        Self.expectNoCaseload(screen)
        // An answer still on its way is not shown.
        harness.send(.fetched(.page(.patients(PatientQuery()), generation: 0), .success(.patients(Fixtures.patientsPage(page: 1, size: 100, total: 8)))))
        #expect(!harness.state.patients.isLoaded)
        Self.expectNoCaseload(harness.screen)
    }

    @Test func signingInAgainResumesWhereTheCoordinatorWas() {
        var harness = Self.harness(overServer: true)
        let target = harness.state.detail!
        harness.send(.tick(Self.later(61)))
        // Enter with no login stays on it and says what is missing; typing clears the message.
        harness.press(.enter)
        #expect(harness.state.lock?.onPassword == false && harness.state.lock?.error == "Type your login")
        harness.type("maria")
        #expect(harness.state.lock?.error == nil)
        harness.press(.enter)
        harness.type("secret password")
        #expect(!harness.screen.contains("secret"), "the password is drawn")
        #expect(harness.screen.contains("•••••••••••••••"))
        let effects = harness.press(.enter)
        #expect(effects == [.signIn(login: "maria", password: "secret password")])
        #expect(harness.state.lock?.password.isEmpty == true, "the password is kept after it was sent")
        #expect(harness.screen.contains("Signing in…"))

        harness.send(.signedIn(.failure(.invalidLogin)))
        #expect(harness.state.lock?.error == "Invalid login or password")
        #expect(harness.screen.contains("Invalid login or password"))
        harness.type("right password")
        harness.press(.enter)
        let resumed = harness.send(.signedIn(.success(Fixtures.maria)))
        #expect(harness.state.lock == nil)
        #expect(resumed.contains(.fetch(.users)))
        #expect(resumed.contains { if case .fetch(.detail(target.patientID, target.id, _)) = $0 { true } else { false } })
        harness.effects = resumed
        harness.answerFetches()
        #expect(harness.state.detail?.id == target.id)
        #expect(harness.state.patient?.id == target.patientID)
        #expect(harness.state.patient?.name == target.patientName)
        #expect(harness.state.timeline.selected?.id == target.id)
        #expect(harness.screen.contains("Signed in as \(Fixtures.maria.name)"))
    }

    @Test func onALocalStoreItEndsSayingWhy() {
        var harness = Self.harness(overServer: false, idleSeconds: 900)
        let effects = harness.send(.tick(Self.later(900)))
        #expect(effects == [.quit])
        #expect(harness.state.exitMessage == "Locked after 15 minutes idle")
        #expect(harness.state.patient == nil && harness.state.detail == nil)
        #expect(harness.state.lock == nil)
    }

    @Test func anExpiredSessionLocksButKeepsTheFormBeingWritten() {
        var harness = Self.harness(overServer: true)
        harness.press(.character("n"))
        harness.type("Call the pharmacy about the refill")
        #expect(harness.state.holdsUnsavedInput)
        let failed = harness.send(.fetched(.users, .failure(.sessionExpired)))
        #expect(failed == [.endSession])
        #expect(harness.state.lock?.reason == .sessionExpired)
        #expect(harness.screen.contains("Session expired"))
        #expect(!harness.screen.contains("pharmacy"), "the form is not drawn while locked")
        harness.type("maria")
        harness.press(.enter)
        harness.type("right password")
        harness.press(.enter)
        harness.send(.signedIn(.success(Fixtures.maria)))
        guard case .form(let form)? = harness.state.overlay else {
            Issue.record("the form was lost")
            return
        }
        #expect(form.isDirty)
        #expect(harness.screen.contains("pharmacy about the refill"))
    }

    @Test func ctrlCQuitsFromTheLock() {
        var harness = Self.harness(overServer: true)
        harness.send(.tick(Self.later(61)))
        #expect(harness.press(.control("c")) == [.quit])
    }
}
