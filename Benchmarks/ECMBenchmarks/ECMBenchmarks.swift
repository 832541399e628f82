import Benchmark
import ECMDomain
import ECMStore
import ECMTUI

// In-process benchmarks for the targets of issue 5 (see BENCHMARKS.md). Run them all with
// `scripts/benchmark.sh`, which builds the workload store and names it in ECM_BENCH_STORE.
// Every store call goes through `StoreBackend`, as the UI and the server make it.

let timing: [BenchmarkMetric] = [.wallClock, .throughput]

func configuration(iterations: Int = 4_000, seconds: Int = 2, metrics: [BenchmarkMetric] = timing) -> Benchmark.Configuration {
    .init(metrics: metrics, timeUnits: .microseconds, warmupIterations: 20, maxDuration: .seconds(seconds), maxIterations: iterations)
}

let benchmarks: @Sendable () -> Void = {
    // MARK: Store: the first page of a timeline, every filter combination

    for filter in FilterCombination.all {
        Benchmark("store: timeline page 1, 100-activity patients, \(filter.name)", configuration: configuration()) { benchmark in
            let workload = try await Workload.shared()
            for iteration in benchmark.scaledIterations.map({ $0 + benchmark.currentIteration }) {
                let page = try await workload.backend.activities(
                    patientID: workload.patient(iteration), query: filter.query(iteration, users: workload.users))
                blackHole(page)
            }
        }
        Benchmark("store: timeline page 1, 100,000-activity patient, \(filter.name)", configuration: configuration()) { benchmark in
            let workload = try await Workload.shared()
            for iteration in benchmark.scaledIterations.map({ $0 + benchmark.currentIteration }) {
                let page = try await workload.backend.activities(
                    patientID: workload.longHistoryPatient, query: filter.query(iteration, users: workload.users))
                blackHole(page)
            }
        }
    }

    // MARK: Store: deep pages and the queue

    Benchmark("store: timeline page 4,000 of 4,000, 100,000-activity patient", configuration: configuration()) { benchmark in
        let workload = try await Workload.shared()
        for _ in benchmark.scaledIterations {
            let page = try await workload.backend.activities(
                patientID: workload.longHistoryPatient, query: ActivityQuery(page: PageRequest(page: 4_000, size: 25)))
            precondition(page.items.count == 25)
            blackHole(page)
        }
    }
    Benchmark("store: timeline page 2,000 of 4,000 (the middle), 100,000-activity patient", configuration: configuration()) { benchmark in
        let workload = try await Workload.shared()
        for _ in benchmark.scaledIterations {
            let page = try await workload.backend.activities(
                patientID: workload.longHistoryPatient, query: ActivityQuery(page: PageRequest(page: 2_000, size: 25)))
            blackHole(page)
        }
    }
    Benchmark("store: queue page 1, 50,000 open items", configuration: configuration()) { benchmark in
        let workload = try await Workload.shared()
        for _ in benchmark.scaledIterations {
            let page = try await workload.backend.queue(
                ActivityQuery(page: PageRequest(page: 1, size: 25), assignedToID: workload.busyCoordinator, status: .created))
            precondition(page.pagination.totalCount >= 50_000)
            blackHole(page)
        }
    }
    // What the UI reads for `m`: soonest due first, with what is new since the last look leading
    // (20 items handed over by a colleague after it), and the same without the new-first segment.
    nonisolated(unsafe) var lookedAt: Timestamp?
    for newFirst in [false, true] {
        let name = newFirst ? "soonest due first, 20 new first" : "soonest due first"
        Benchmark("store: queue page 1 of 100, 50,000 open items, \(name)", configuration: configuration()) { benchmark in
            let workload = try await Workload.shared()
            let since = try await handedOver(&lookedAt, workload)
            for _ in benchmark.scaledIterations {
                let page = try await workload.backend.queue(ActivityQuery(
                    page: PageRequest(page: 1, size: 100), assignedToID: workload.busyCoordinator, status: .created, order: .due,
                    newSince: newFirst ? since : nil))
                precondition(page.pagination.totalCount >= 50_000 && (!newFirst || page.items.first?.assignedAt ?? since > since))
                blackHole(page)
            }
        }
    }
    Benchmark("store: queue page 1, every status, first user", configuration: configuration()) { benchmark in
        let workload = try await Workload.shared()
        for _ in benchmark.scaledIterations {
            let page = try await workload.backend.queue(ActivityQuery(page: PageRequest(page: 1, size: 25)))
            blackHole(page)
        }
    }

    // MARK: Server: the parts of a list request, in process

    Benchmark("server: token lookup (X-User-Token to user)", configuration: configuration()) { benchmark in
        let workload = try await Workload.shared()
        let token = try workload.database.issueToken(userID: workload.users[0].id)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await workload.database.user(forToken: token))
        }
    }
    Benchmark("server: write a page of 25 activities as JSON", configuration: configuration()) { benchmark in
        let pages = try await Workload.shared().firstPages()
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations.map({ $0 + benchmark.currentIteration }) {
            blackHole(JSONWriter.bytes(of: pages[iteration % pages.count]))
        }
    }

    // MARK: Store: writes

    Benchmark("store: create an activity with its event (one transaction)", configuration: configuration(iterations: 10_000, seconds: 3)) { benchmark in
        let workload = try await Workload.shared()
        for iteration in benchmark.scaledIterations.map({ $0 + benchmark.currentIteration }) {
            var input = ActivityInput()
            input.activityType = .value("task")
            input.message = .value("Call pharmacy about prior authorization")
            input.assignedToID = .value(workload.users[iteration % workload.users.count].id)
            let detail = try await workload.backend.createActivity(patientID: workload.patient(iteration), input: input)
            blackHole(detail)
        }
    }

    // MARK: Terminal UI

    // One `j` in the 50,000-item queue with all 50,000 marked: marks must cost nothing per key.
    nonisolated(unsafe) var markedHarness: UIHarness?
    Benchmark("tui: update + view for one j at 200x50, queue with 50,000 marked", configuration: configuration(iterations: 3_000)) { benchmark in
        let ui = try await markedQueueHarness(&markedHarness)
        if ui.state.queue.cursor > 40_000 { await ui.send(.action(.top)) }
        benchmark.startMeasurement()
        let effects = ui.state.update(.key(.character("j")))
        let frame = View.render(ui.state)
        benchmark.stopMeasurement()
        blackHole(frame)
        await ui.settle(effects)
    }

    // One `j` in the 100,000-activity timeline at 200×50: update and view, measured alone; the
    // detail fetch it asks for is answered outside the measurement. A `j` on the last visible
    // row scrolls the list; both kinds are measured separately.
    for scrolling in [false, true] {
        let kind = scrolling ? "scrolling the list" : "inside the visible rows"
        let bytes = BenchmarkMetric.custom("bytes written, key frame", polarity: .prefersSmaller, useScalingFactor: false)
        let total = BenchmarkMetric.custom("bytes written, key and detail frames", polarity: .prefersSmaller, useScalingFactor: false)
        let cells = BenchmarkMetric.custom("cells changed, key frame", polarity: .prefersSmaller, useScalingFactor: false)
        nonisolated(unsafe) var harness: UIHarness?

        Benchmark("tui: update + view for one j at 200x50, \(kind)", configuration: configuration(iterations: 3_000)) { benchmark in
            let ui = try await preparedHarness(&harness)
            await ui.position(scrolling: scrolling)
            benchmark.startMeasurement()
            let effects = ui.state.update(.key(.character("j")))
            let frame = View.render(ui.state)
            benchmark.stopMeasurement()
            blackHole(frame)
            await ui.settle(effects)
        }

        nonisolated(unsafe) var byteHarness: UIHarness?
        Benchmark(
            "tui: bytes written for one j at 200x50, \(kind)",
            configuration: configuration(iterations: 500, metrics: [.throughput, bytes, total, cells])
        ) { benchmark in
            let ui = try await preparedHarness(&byteHarness)
            await ui.position(scrolling: scrolling)
            ui.draw()
            let cellsBefore = ui.terminal.cells
            let effects = ui.state.update(.key(.character("j")))
            let keyBytes = ui.draw()
            let keyCells = ui.terminal.cells - cellsBefore
            await ui.settle(effects)
            let detailBytes = ui.draw()
            benchmark.measurement(bytes, keyBytes)
            benchmark.measurement(total, keyBytes + detailBytes)
            benchmark.measurement(cells, keyCells)
        }
    }
}

/// A UI showing the 50,000-item queue with every item marked (`V`), made once.
func markedQueueHarness(_ harness: inout UIHarness?) async throws -> UIHarness {
    if let harness { return harness }
    let workload = try await Workload.shared()
    // As the busy coordinator: the queue is the acting user's.
    let busy = StoreBackend(database: workload.database, actingUserID: workload.busyCoordinator)
    let ui = await UIHarness(backend: busy, size: Size(width: 200, height: 50))
    await ui.send(.action(.toggleQueue))
    await ui.send(.key(.character("V")))
    if ui.state.marks.count < 50_000 {
        fatalError("V did not mark the queue: \(ui.state.marks.count) marked, \(String(describing: ui.state.status)), focus \(ui.state.focus)")
    }
    ui.draw()
    harness = ui
    return ui
}

/// A UI showing the 100,000-activity timeline, focused, made once per benchmark.
func preparedHarness(_ harness: inout UIHarness?) async throws -> UIHarness {
    if let harness { return harness }
    let workload = try await Workload.shared()
    let ui = await UIHarness(backend: workload.backend, size: Size(width: 200, height: 50))
    await ui.openTimeline(search: DemoDataGenerator.longHistoryPatientName)
    precondition(ui.state.timeline.count >= 100_000, "the timeline did not open")
    ui.draw()
    harness = ui
    return ui
}

extension UIHarness {
    /// Puts the cursor where the next `j` does (or does not) scroll, outside any measurement.
    func position(scrolling: Bool) async {
        if scrolling {
            while !nextMoveScrolls { await send(.key(.character("j"))) }
        } else if nextMoveScrolls || state.timeline.cursor > 90_000 {
            await send(.action(.top))
        }
        if state.timeline.cursor > 90_000 { await send(.action(.top)) }
    }
}

/// Hands 20 open items over to the busy coordinator from a colleague, once per process, after
/// a look: the time of the look, what is new after.
func handedOver(_ lookedAt: inout Timestamp?, _ workload: Workload) async throws -> Timestamp {
    if let lookedAt { return lookedAt }
    let look = Timestamp.now()
    try await Task.sleep(for: .milliseconds(5))
    guard let colleague = workload.users.first else { fatalError("no colleague in the workload") }
    let theirs = StoreBackend(database: workload.database, actingUserID: colleague.id)
    let open = try await theirs.queue(ActivityQuery(page: PageRequest(page: 1, size: 20), assignedToID: colleague.id, status: .created))
    var handOver = ActivityInput()
    handOver.assignedToID = .value(workload.busyCoordinator)
    for item in open.items {
        _ = try await theirs.updateActivity(patientID: item.patientID, id: item.id, input: handOver, ifRevision: nil)
    }
    lookedAt = look
    return look
}
