import Dispatch
import ECMDomain
import ECMTUI
import Foundation
import Logging

/// The UI loop: reads keys, runs `update`, hands effects to the runner, drains results, draws the
/// frame's changes. It never waits on the backend.
public final class TerminalApp {
    private let backend: any ActivityBackend
    private let configuration: AppState.Configuration
    private let driver: any TerminalDriver
    private let logger: Logger
    private let session: (any SessionControl)?
    private let inbox = Inbox()
    private let renderer = FrameRenderer()
    private var signalSources: [any DispatchSourceSignal] = []

    public init(
        backend: any ActivityBackend, configuration: AppState.Configuration, driver: any TerminalDriver, logger: Logger,
        session: (any SessionControl)? = nil
    ) {
        self.session = session
        self.backend = backend
        self.configuration = configuration
        self.driver = driver
        self.logger = logger
    }

    /// How the UI ended: what to say on the restored terminal, and whether the terminal hung up.
    public struct Outcome: Sendable {
        public var message: String?
        public var hungUp: Bool
    }

    /// Runs until the user quits or a signal asks to stop; the terminal is always given back.
    @discardableResult
    public func run() throws -> Outcome {
        try driver.start()
        defer { driver.stop() }
        installSignalHandlers()
        let runner = EffectRunner(backend: backend, inbox: inbox, logger: logger, session: session)
        var (state, effects) = AppState.start(configuration: configuration, size: driver.size, now: .now())
        logger.info("ui started", metadata: ["size": "\(state.size.width)x\(state.size.height)"])
        perform(effects, &state, runner)
        draw(state)
        var lastTick = ContinuousClock.now
        // Benchmarks (scripts/benchmark.sh): ECM_EXIT_AFTER_FIRST_FRAME=1 quits once the first
        // complete frame (nothing left in flight) is drawn.
        let exitAfterFirstFrame = ProcessInfo.processInfo.environment["ECM_EXIT_AFTER_FIRST_FRAME"] == "1"
        while !state.quitRequested && !inbox.isTerminating {
            var dirty = false
            // Woken at once by a key, a resize or a backend answer; otherwise in time for the
            // tick, and at least every 100 ms (a resize signalled on another thread).
            let untilTick = (lastTick + .seconds(1)) - ContinuousClock.now
            let timeout = max(1, min(100, Int(untilTick / .milliseconds(1))))
            if let event = driver.nextEvent(timeoutMilliseconds: timeout, wake: inbox.wakeDescriptor) {
                dirty = true
                switch event {
                case .key(let key):
                    _ = state.update(.clock(.now()))
                    effects = state.update(.key(key))
                case .resize(let size):
                    renderer.invalidate()
                    effects = state.update(.resize(size))
                }
                perform(effects, &state, runner)
            }
            for message in inbox.drain() {
                dirty = true
                perform(state.update(message), &state, runner)
            }
            if ContinuousClock.now - lastTick >= .seconds(1) {
                lastTick = .now
                dirty = true
                perform(state.update(.tick(.now())), &state, runner)
            }
            if dirty {
                draw(state)
                if exitAfterFirstFrame && state.inFlight == 0 { break }
            }
        }
        logger.info("ui stopped")
        return Outcome(message: state.exitMessage, hungUp: inbox.hungUp)
    }

    private func draw(_ state: AppState) {
        let (frame, cursor) = View.render(state)
        renderer.render(frame, cursor: cursor, to: driver)
    }

    private func perform(_ effects: [Effect], _ state: inout AppState, _ runner: EffectRunner) {
        for effect in effects {
            switch effect {
            case .fetch(let fetch): runner.run(fetch)
            case .write(let write): runner.run(write)
            case .quit: state.quitRequested = true
            case .signIn(let login, let password): runner.signIn(login: login, password: password)
            case .endSession: runner.endSession()
            case .batch(let job): runner.run(job)
            case .stopBatch(let id): runner.stopBatch(id: id)
            case .openEditor(let text, let target):
                var edited: String?
                driver.suspend { edited = ExternalEditor.edit(text) }
                renderer.invalidate()
                perform(state.update(.editorFinished(edited, target)), &state, runner)
            }
        }
    }

    /// SIGTERM, SIGINT and SIGHUP end the loop (through the inbox), so the terminal is restored.
    private func installSignalHandlers() {
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [inbox] in inbox.terminate(hangUp: number == SIGHUP) }
            source.resume()
            signalSources.append(source)
        }
    }
}
