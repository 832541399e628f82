import ECMDomain
import ECMTestSupport
import GRDB
import Testing

@testable import ECMStore

/// The lists' pages are read from indexes, never by sorting the whole list: SQLite's plan for
/// each page statement the store runs says so (a sort would show as a temporary B-tree). Plans,
/// not timings, so the check holds on any machine.
struct QueryPlanTests {
    static func plan(_ database: AppDatabase, _ sql: String, _ arguments: StatementArguments) async throws -> String {
        try await database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String }.joined(separator: "\n")
        }
    }

    /// The queue in every order `m` and the views use, from either end, filtered as My open.
    @Test(arguments: ListOrder.allCases)
    func aQueuePageIsReadFromAnIndexInEveryOrder(order: ListOrder) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase.open(path: directory.file("plans.sqlite"), create: true)
        try DemoDataGenerator(patients: 3, activitiesPerPatient: 30, seed: 5, anchor: Timestamp(iso8601: "2024-11-20T12:00:00Z")!, busyCoordinatorTasks: 40)
            .generate(into: database)
        let query = ActivityQuery(status: .created, order: order)
        let (filter, arguments) = StoreBackend.filter(scope: .queue(assigneeID: 1), query: query)
        for reversed in [false, true] {
            let sql = StoreBackend.pageIDsSQL(filter: filter, order: order, reversed: reversed)
            let plan = try await Self.plan(database, sql, arguments + [25, 0])
            #expect(!plan.contains("TEMP B-TREE"), "\(order) reversed: \(reversed) sorts:\n\(plan)")
            #expect(plan.contains("USING INDEX") || plan.contains("USING COVERING INDEX"), "\(order):\n\(plan)")
        }
    }
}
