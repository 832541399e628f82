import ECMDomain
import ECMStore
import Foundation

/// The benchmark workload: a store made by `scripts/benchmark.sh` with
/// `ecm demo-data --patients 10000 --activities-per-patient 100 --big-patient 100000 --busy-user 50000`,
/// named by `ECM_BENCH_STORE`. Benchmarks that write (creating activities) write into it, so the
/// script hands every run a fresh copy.
final class Workload: @unchecked Sendable {
    let database: AppDatabase
    /// Acting as the store's first user, like `ecm` without `--as`.
    let backend: StoreBackend
    /// The patient with 100,000 activities.
    let longHistoryPatient: Int64
    /// The coordinator with 50,000 open tasks.
    let busyCoordinator: Int64
    /// The ordinary patients (100 activities each).
    let patients: ClosedRange<Int64>
    let users: [User]

    private init(database: AppDatabase, backend: StoreBackend, longHistoryPatient: Int64, busyCoordinator: Int64, patients: ClosedRange<Int64>, users: [User]) {
        self.database = database
        self.backend = backend
        self.longHistoryPatient = longHistoryPatient
        self.busyCoordinator = busyCoordinator
        self.patients = patients
        self.users = users
    }

    nonisolated(unsafe) private static var loaded: Workload?

    /// Opens the store once per benchmark process.
    static func shared() async throws -> Workload {
        if let loaded { return loaded }
        guard let path = ProcessInfo.processInfo.environment["ECM_BENCH_STORE"], !path.isEmpty else {
            fatalError("ECM_BENCH_STORE must name the workload store: run scripts/benchmark.sh")
        }
        let database = try AppDatabase.open(path: path)
        let backend = StoreBackend(database: database, actingUserID: try database.firstUserID())
        let long = try await backend.patients(PatientQuery(search: DemoDataGenerator.longHistoryPatientName))
        guard let longHistory = long.items.first else { fatalError("no long-history patient in \(path)") }
        let users = try await backend.users(search: nil)
        guard let busy = users.first(where: { $0.name == DemoDataGenerator.busyCoordinatorName }) else {
            fatalError("no busy coordinator in \(path)")
        }
        let workload = Workload(
            database: database, backend: backend, longHistoryPatient: longHistory.id, busyCoordinator: busy.id,
            patients: 1...(longHistory.id - 1), users: users.filter { $0.id != busy.id })
        loaded = workload
        return workload
    }

    nonisolated(unsafe) private var pages: [ActivitiesBody] = []

    /// The first timeline pages of 100 ordinary patients, read once per process.
    func firstPages() async throws -> [ActivitiesBody] {
        if pages.isEmpty {
            for iteration in 0..<100 {
                pages.append(ActivitiesBody(try await backend.activities(patientID: patient(iteration), query: ActivityQuery())))
            }
        }
        return pages
    }

    /// A different ordinary patient for each iteration, spread over the whole caseload so that
    /// no benchmark reads the same few pages again and again.
    func patient(_ iteration: Int) -> Int64 {
        patients.lowerBound + Int64((iteration &* 7919) % patients.count)
    }
}

/// Every combination of the timeline's three filters, with values that vary per iteration.
struct FilterCombination: Sendable {
    let name: String
    let type: Bool
    let status: Bool
    let assignee: Bool

    static let all: [FilterCombination] = [
        .init(name: "no filter", type: false, status: false, assignee: false),
        .init(name: "type", type: true, status: false, assignee: false),
        .init(name: "status", type: false, status: true, assignee: false),
        .init(name: "assignee", type: false, status: false, assignee: true),
        .init(name: "type+status", type: true, status: true, assignee: false),
        .init(name: "type+assignee", type: true, status: false, assignee: true),
        .init(name: "status+assignee", type: false, status: true, assignee: true),
        .init(name: "type+status+assignee", type: true, status: true, assignee: true),
    ]

    func query(_ iteration: Int, users: [User]) -> ActivityQuery {
        let types = ActivityType.allCases
        let statuses = ActivityStatus.allCases
        return ActivityQuery(
            page: PageRequest(page: 1, size: 25),
            activityType: type ? types[iteration % types.count] : nil,
            assignedToID: assignee ? users[(iteration / 7) % users.count].id : nil,
            status: status ? statuses[(iteration / 3) % statuses.count] : nil)
    }
}
