import ECMDomain
import ECMTUI
import Foundation
import Testing

/// Every list, at every size, after every key: the selected row is inside its pane and drawn
/// highlighted, and after a jump the detail and the timeline's cursor are on the same activity.
/// Seeded: a failure prints the seed and the keys that led to it
/// (`ECM_PROPERTY_SEED=<seed> swift test --filter ViewportPropertyTests` runs just that one).
struct ViewportPropertyTests {
    static let sizes = [
        Size(width: 80, height: 24), Size(width: 70, height: 20), Size(width: 200, height: 50),
        // Wide but short: the subtasks pane has 3 rows inside its border (2 at 120×24).
        Size(width: 200, height: 26), Size(width: 120, height: 24),
    ]

    static var seeds: [UInt64] {
        if let seed = ProcessInfo.processInfo.environment["ECM_PROPERTY_SEED"].flatMap(UInt64.init) { return [seed] }
        return Array(1...60)
    }

    /// Keys and how often they come up. Nothing here writes data but `a`'s Enter (never answered).
    static let keys: [(Key, Int)] = [
        (.character("j"), 12), (.character("k"), 6), (.character("g"), 2), (.character("G"), 3), (.pageDown, 3), (.pageUp, 2),
        (.control("d"), 2), (.control("u"), 2), (.character(" "), 2), (.tab, 3), (.backTab, 1), (.character("1"), 1),
        (.character("2"), 2), (.character("3"), 3), (.character("4"), 2), (.character("5"), 3), (.enter, 6), (.escape, 4),
        (.character("m"), 2), (.character("a"), 1), (.character("n"), 1), (.character("f"), 1), (.right, 2), (.down, 2),
        (.character("r"), 1), (.character("y"), 1),
    ]

    /// Runs every seed in turn, so that it can also check that the walks reached every list.
    @Test func theSelectedRowIsAlwaysOnScreenAndHighlighted() async {
        var checked: [String: Int] = [:]
        for seed in Self.seeds {
            // A walk is a tenth of a second of CPU: let the other tests' tasks run between walks.
            await Task.yield()
            if let failure = walk(seed: seed, checked: &checked) {
                Issue.record(Comment(rawValue: failure))
            }
        }
        // The walks must have met each list, many times, and the jumps that land by id.
        guard ProcessInfo.processInfo.environment["ECM_PROPERTY_SEED"] == nil else { return }
        for kind in ["patients", "queue", "timeline", "detail", "comments", "subtasks", "user picker", "type picker", "jump"] {
            #expect(checked[kind, default: 0] >= 20, "\(kind) was checked \(checked[kind, default: 0]) times: \(checked)")
        }
        for size in Self.sizes {
            #expect(checked["\(size.width)×\(size.height)", default: 0] >= 100, "\(checked)")
        }
    }

    /// One seeded walk of 250 keys and resizes; the first broken rule, with the seed and the keys.
    private func walk(seed: UInt64, checked: inout [String: Int]) -> String? {
        var random = SeededGenerator(seed: seed)
        let world = GeneratedWorld(seed: seed)
        var driver = WorldDriver(world: world, size: Self.sizes.randomElement(using: &random)!)
        var history: [String] = ["start \(driver.state.size.width)×\(driver.state.size.height)"]
        driver.answer(all: true, using: &random)
        for _ in 0..<250 {
            let jump = driver.state.overlay == nil && (driver.state.focus == .detail || driver.state.focus == .subtasks || driver.state.leftMode == .queue)
            let links = driver.state.focus == .detail && driver.state.overlay == nil
                ? driver.state.detailLines(width: 60).indices.filter { driver.state.detailLines(width: 60)[$0].link != nil } : []
            if !links.isEmpty, Int.random(in: 0..<4, using: &random) == 0 {
                // Follow a link: the keys a user would press to reach it, then Enter.
                let target = links.randomElement(using: &random)!
                let key: Key = target > driver.state.detailCursor ? .character("j") : .character("k")
                for _ in 0..<abs(target - driver.state.detailCursor) {
                    history.append(key.label)
                    driver.send(.key(key))
                }
                history.append("Enter")
                driver.send(.key(.enter))
                checked["jump", default: 0] += 1
            } else if Int.random(in: 0..<40, using: &random) == 0 {
                let size = Self.sizes.randomElement(using: &random)!
                history.append("resize \(size.width)×\(size.height)")
                driver.send(.resize(size))
            } else {
                let key = Self.pick(using: &random)
                history.append(key.label)
                driver.send(.key(key))
                if jump, key == .enter, driver.state.detailTarget?.id != driver.state.timeline.selected?.id { checked["jump", default: 0] += 1 }
            }
            // Answers come late now and then, in the order the backend finishes them.
            driver.answer(all: Int.random(in: 0..<4, using: &random) > 0, using: &random)
            checked["\(driver.state.size.width)×\(driver.state.size.height)", default: 0] += 1
            if let problem = ScreenCheck.problem(in: driver.state, world: world, settled: driver.settled, checked: &checked) {
                return "seed \(seed): \(problem)\nkeys: \(history.joined(separator: " "))\n\(View.render(driver.state).buffer.plainText)"
            }
        }
        return nil
    }

    static func pick(using random: inout SeededGenerator) -> Key {
        var roll = Int.random(in: 0..<keys.reduce(0) { $0 + $1.1 }, using: &random)
        for (key, weight) in keys {
            if roll < weight { return key }
            roll -= weight
        }
        return .character("j")
    }
}

/// The UI state with a generated world answering its fetches.
struct WorldDriver {
    let world: GeneratedWorld
    var state: AppState
    private var pending: [Fetch] = []

    init(world: GeneratedWorld, size: Size) {
        self.world = world
        let effects: [Effect]
        (state, effects) = AppState.start(configuration: AppState.Configuration(location: "test"), size: size, now: Fixtures.now)
        collect(effects)
    }

    /// Whether every fetch asked for has been answered.
    var settled: Bool { pending.isEmpty }

    mutating func send(_ message: Message) { collect(state.update(message)) }

    /// Answers the fetches asked for: all of them (and what they lead to), or a random part.
    mutating func answer(all: Bool, using random: inout SeededGenerator) {
        var rounds = 0
        while !pending.isEmpty, rounds < 50 {
            rounds += 1
            pending.shuffle(using: &random)
            let now = all ? pending : Array(pending.prefix(Int.random(in: 0...pending.count, using: &random)))
            pending.removeFirst(now.count)
            for fetch in now { send(.fetched(fetch, .success(world.answer(fetch)))) }
            if !all { return }
        }
    }

    private mutating func collect(_ effects: [Effect]) {
        for case .fetch(let fetch) in effects { pending.append(fetch) }
        // Writes are dropped unanswered: these tests look at moving, not at writing.
    }
}

/// What must hold on the rendered screen.
enum ScreenCheck {
    /// The first broken rule, or nil.
    static func problem(in state: AppState, world: GeneratedWorld, settled: Bool, checked: inout [String: Int]) -> String? {
        guard !state.size.isBelowMinimum else { return nil }
        let buffer = View.render(state).buffer
        switch state.overlay {
        case .userPicker(let picker)?:
            checked["user picker", default: 0] += 1
            let matches = picker.matches(in: state.users)
            guard matches.indices.contains(picker.cursor) else { return matches.isEmpty ? nil : "user picker cursor \(picker.cursor) outside \(matches.count) matches" }
            return highlighted(" " + matches[picker.cursor].name, in: buffer) ? nil : "the picked user \(matches[picker.cursor].name) is not highlighted"
        case .typePicker(let picker)?:
            checked["type picker", default: 0] += 1
            let type = ActivityType.allCases[picker.cursor]
            return highlighted(" \(type.shortcut)  \(type.label)", in: buffer) ? nil : "the picked type \(type.label) is not highlighted"
        case nil:
            break
        default:
            return nil
        }
        if let problem = focusedListProblem(state, buffer, checked: &checked) { return problem }
        if settled, state.leftMode == .patients, let selected = state.timeline.selected, let detail = state.detail,
            detail.patientID == selected.patientID, detail.id != selected.id
        {
            return "the detail shows activity \(detail.id) while the timeline's cursor is on \(selected.id)"
        }
        return nil
    }

    private static func focusedListProblem(_ state: AppState, _ buffer: Buffer, checked: inout [String: Int]) -> String? {
        let layout = state.layout
        guard let pane = layout.rect(state.focus) else { return "the focused pane \(state.focus) is not on screen" }
        let tag: String?
        switch state.focus {
        case .patients where state.leftMode == .queue:
            guard state.queue.isLoaded, !state.queue.isEmpty else { return nil }
            tag = state.queue.selected.map { "#\($0.id)" }
        case .patients:
            guard state.patients.isLoaded, !state.patients.isEmpty else { return nil }
            tag = state.patients.selected.map { "P\($0.id)" }
        case .timeline:
            // While it looks for an activity to land on, nothing is selected or highlighted.
            let seeking = state.timeline.selected == nil && state.timeline.item(at: state.timeline.cursor) != nil
            guard state.timeline.isLoaded, !state.timeline.isEmpty, !seeking else { return nil }
            tag = state.timeline.selected.map { "#\($0.id)" }
        case .subtasks:
            guard let detail = state.detail, !detail.subtasks.isEmpty else { return nil }
            tag = "#\(detail.subtasks[min(state.subtasksCursor, detail.subtasks.count - 1)].id)"
        case .comments:
            guard let detail = state.detail, !detail.comments.isEmpty else { return nil }
            tag = "C\(detail.comments[min(state.commentsCursor, detail.comments.count - 1)].id)"
        case .detail:
            guard state.detail != nil else { return nil }
            tag = nil
        }
        checked[state.focus == .patients && state.leftMode == .queue ? "queue" : state.focus.title.lowercased(), default: 0] += 1
        let rows = (pane.y + 1..<pane.maxY - 1).filter { y in buffer[pane.x + 1, y].style.role == .selected }
        guard rows.count == 1, let y = rows.first else {
            return "\(rows.count) highlighted rows in the focused \(state.focus) pane (rows \(pane.y + 1)..<\(pane.maxY - 1))"
        }
        let line = (pane.x + 1..<pane.maxX - 1).map { buffer[$0, y].text }.joined()
        if let list = focusedPagedList(state) {
            // Below the border and the column header, counted from the first row shown.
            let expected = pane.y + 2 + list.cursor - list.top
            guard expected == y else { return "the highlighted row of \(state.focus) is at y=\(y), the cursor's row at y=\(expected)" }
        }
        // A queue row 26 columns wide has no room for the tag after the patient's name.
        guard let tag, !(state.focus == .patients && state.leftMode == .queue && pane.width < 34) else { return nil }
        return contains(line, tag: tag) ? nil : "the highlighted row of \(state.focus) is \"\(line)\", not the selected \(tag)"
    }

    /// Where the cursor of the focused list is, for the lists that page.
    private static func focusedPagedList(_ state: AppState) -> (cursor: Int, top: Int)? {
        switch state.focus {
        case .patients where state.leftMode == .queue: (state.queue.cursor, state.queue.top)
        case .patients: (state.patients.cursor, state.patients.top)
        case .timeline: (state.timeline.cursor, state.timeline.top)
        default: nil
        }
    }

    /// Whether a row shows a tag (`#42` and not `#421`).
    private static func contains(_ line: String, tag: String) -> Bool {
        var rest = line[...]
        while let range = rest.range(of: tag) {
            if range.upperBound == rest.endIndex || !rest[range.upperBound].isNumber { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    /// Whether `text` is on screen with its first cell in the selected style.
    private static func highlighted(_ text: String, in buffer: Buffer) -> Bool {
        for y in 0..<buffer.size.height {
            let cells = (0..<buffer.size.width).map { buffer[$0, y] }
            let line = cells.map(\.text).joined()
            guard let range = line.range(of: text) else { continue }
            let column = line.distance(from: line.startIndex, to: range.lowerBound)
            // Columns and characters agree here: names and labels are ASCII.
            if column < cells.count, cells[column].style.role == .selected { return true }
        }
        return false
    }
}
