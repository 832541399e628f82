import ECMDomain
import ECMStore
import ECMTUI
import Foundation

/// The terminal UI's pure core driven against the store without a terminal: what `TerminalApp`
/// does, minus ncurses and threads. Effects are answered at once, outside any measured region.
final class UIHarness {
    var state: AppState
    let backend: any ActivityBackend
    let renderer = FrameRenderer()
    let terminal = ByteCountingTerminal(size: Size(width: 200, height: 50))

    init(backend: any ActivityBackend, size: Size) async {
        self.backend = backend
        let configuration = AppState.Configuration(location: "benchmark", refreshInterval: 86_400)
        let (state, effects) = AppState.start(configuration: configuration, size: size, now: Timestamp(milliseconds: 1_732_104_000_000))
        self.state = state
        await settle(effects)
    }

    /// Opens the timeline of the patient whose name matches `search`, focused.
    func openTimeline(search: String) async {
        await send(.action(.patient(search)))
        await send(.action(.focusPane(.timeline)))
    }

    func send(_ message: Message) async {
        await settle(state.update(message))
    }

    /// Answers effects (and the effects their answers cause) until none is left.
    func settle(_ effects: [Effect]) async {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            guard case .fetch(let fetch) = effect else { continue }
            let result: Result<FetchResult, BackendError>
            do throws(BackendError) {
                result = .success(try await fetch.read(from: backend))
            } catch {
                result = .failure(error)
            }
            queue += state.update(.fetched(fetch, result))
        }
    }


    /// Draws the current state through the frame renderer; returns the bytes it sent.
    @discardableResult
    func draw() -> Int {
        let before = terminal.bytes
        let (frame, cursor) = View.render(state)
        renderer.render(frame, cursor: cursor, to: terminal)
        return terminal.bytes - before
    }

    /// Rows the timeline shows.
    var timelineRows: Int { state.layout.rows(.timeline) }

    /// Whether the next `j` scrolls the timeline (the cursor is on its last visible row).
    var nextMoveScrolls: Bool { state.timeline.cursor >= state.timeline.top + timelineRows - 1 }
}
