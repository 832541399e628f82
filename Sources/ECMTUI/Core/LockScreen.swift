import ECMDomain

/// What replaces the whole screen when the UI locks (automatic logoff, HIPAA 164.312(a)(2)(iii)):
/// after the idle time, or when the server says the session expired. Nothing of the caseload is
/// drawn or kept; over a server the coordinator signs in again here and resumes where they were.
public struct LockScreen: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        case idle(seconds: Int)
        case sessionExpired
    }

    public var reason: Reason
    public var login: TextInput
    /// Typed, never drawn (only as many dots), and emptied as soon as it is sent.
    public var password: TextInput
    public var onPassword = false
    public var error: String?
    public var signingIn = false

    public init(reason: Reason, login: String = "") {
        self.reason = reason
        self.login = TextInput(login)
        self.password = TextInput()
        onPassword = !login.isEmpty
    }

    public var headline: String {
        switch reason {
        case .idle(let seconds) where seconds % 60 == 0:
            "Locked after \(seconds / 60) minute\(seconds == 60 ? "" : "s") idle"
        case .idle(let seconds): "Locked after \(seconds) seconds idle"
        case .sessionExpired: "Session expired"
        }
    }
}

/// Where the coordinator was when the UI locked: ids only, no names or text.
public struct ResumePoint: Sendable, Equatable {
    public var focus: Pane
    public var leftMode: LeftMode
    public var patientID: Int64?
    public var activity: ActivityKey?

    public init(focus: Pane, leftMode: LeftMode, patientID: Int64?, activity: ActivityKey?) {
        self.focus = focus
        self.leftMode = leftMode
        self.patientID = patientID
        self.activity = activity
    }
}

/// An activity by its patient and id.
public struct ActivityKey: Sendable, Hashable {
    public let patientID: Int64
    public let id: Int64
    public init(patientID: Int64, id: Int64) {
        self.patientID = patientID
        self.id = id
    }
}

extension AppState {
    /// Whether it is time to lock: `idleLockSeconds` since the last key.
    var idleLockDue: Bool {
        guard lock == nil, let seconds = configuration.idleLockSeconds, seconds > 0 else { return false }
        return now.milliseconds - lastInputAt.milliseconds >= Int64(seconds) * 1000
    }

    /// Clears the screen and drops what is held of the caseload. On a local store the UI ends
    /// (saying why); over a server the session is dropped and the sign-in prompt shows.
    mutating func lockUp(_ reason: LockScreen.Reason) -> [Effect] {
        resume = ResumePoint(
            focus: focus, leftMode: leftMode, patientID: patient?.id,
            activity: detailTarget)
        let keepsForm = reason == .sessionExpired && holdsUnsavedInput
        // A batch under way sends nothing more: no one is there to read its result.
        let stop: [Effect] = batchRun.map { [.stopBatch(id: $0.job.id)] } ?? []
        if batchRun != nil { inFlight = max(0, inFlight - 1) }
        dropCaseload(keepingOverlay: keepsForm)
        guard configuration.signInAvailable else {
            if case .idle = reason { exitMessage = LockScreen(reason: reason).headline }
            return stop + [.quit]
        }
        lock = LockScreen(reason: reason)
        return stop + [.endSession]
    }

    /// Everything read from the backend goes; answers still on their way are ignored.
    private mutating func dropCaseload(keepingOverlay: Bool) {
        me = nil
        users = []
        patients.reset()
        timeline.reset()
        queue.reset()
        patient = nil
        detail = nil
        detailTarget = nil
        detailGeneration += 1
        detailLoading = false
        detailCursor = 0
        commentsCursor = 0
        subtasksCursor = 0
        // Marks, the batch and what undo would do name patients too.
        marks = [:]
        batchRun = nil
        undo = nil
        undoable = [:]
        claimLost = nil
        // When someone last looked, and what was new for them, are theirs: whoever signs in next
        // reads their own.
        queueSeenAt = nil
        newSince = nil
        newCount = nil
        if !keepingOverlay { overlay = nil }
        status = nil
    }

    /// Keys while locked: the sign-in prompt's, and Ctrl-C to quit.
    mutating func handleLock(key: Key) -> [Effect] {
        guard var screen = lock else { return [] }
        if key == .control("c") { return [.quit] }
        // While the answer is awaited nothing typed is taken (it would sit in the password field).
        if screen.signingIn { return [] }
        switch key {
        case .tab, .backTab, .up, .down:
            screen.onPassword.toggle()
        case .enter:
            if screen.login.text.isBlank {
                screen.onPassword = false
                screen.error = "Type your login"
            } else if !screen.onPassword {
                screen.onPassword = true
            } else if !screen.password.isEmpty {
                let password = screen.password.text
                screen.password = TextInput()
                screen.signingIn = true
                screen.error = nil
                lock = screen
                return [.signIn(login: screen.login.text, password: password)]
            }
        default:
            if screen.onPassword { _ = screen.password.handle(key) } else { _ = screen.login.handle(key) }
            screen.error = nil
        }
        lock = screen
        return []
    }

    /// The answer to a sign-in: back where the coordinator was, or the reason on the prompt.
    mutating func signedIn(_ result: Result<User, BackendError>) -> [Effect] {
        guard var screen = lock else { return [] }
        switch result {
        case .failure(let error):
            screen.signingIn = false
            screen.onPassword = true
            screen.error = error.description
            lock = screen
            return []
        case .success(let user):
            lock = nil
            me = user
            lastInputAt = now
            var effects: [Effect] = [.fetch(.users), .fetch(.queueSeen)]
            if let resume {
                focus = resume.focus
                leftMode = resume.leftMode
                if let activity = resume.activity {
                    effects += land(on: activity.patientID, activity.id, patientName: nil, admitted: nil, reload: true)
                } else if let patientID = resume.patientID {
                    effects += adoptPatient(id: patientID, name: "") + loadPages()
                } else {
                    effects += loadPages()
                }
            } else {
                effects += loadPages()
            }
            resume = nil
            setStatus("Signed in as \(user.name)")
            return effects
        }
    }
}
