import ECMDomain
import ECMStore
import ECMTestSupport
import Testing

/// The demo generator: deterministic, and as varied as a real caseload.
struct DemoDataTests {
    static let anchor = Timestamp(iso8601: "2024-11-20T12:00:00Z")!

    private func fill(_ directory: TemporaryDirectory, name: String, seed: UInt64) throws -> StoreBackend {
        let database = try AppDatabase.open(path: directory.file(name), create: true)
        try DemoDataGenerator(patients: 30, activitiesPerPatient: 60, seed: seed, anchor: Self.anchor).generate(into: database)
        return StoreBackend(database: database, actingUserID: try database.firstUserID())
    }

    /// Every patient's name and every activity of the first patients, as text.
    private func fingerprint(_ backend: StoreBackend) async throws -> [String] {
        var lines: [String] = []
        let patients = try await backend.patients(PatientQuery(page: PageRequest(page: 1, size: 100)))
        for patient in patients.items {
            lines.append("\(patient.id) \(patient.name) \(patient.dateOfBirth?.iso8601 ?? "-")")
        }
        for patientID in Int64(1)...3 {
            let page = try await backend.activities(patientID: patientID, query: ActivityQuery(page: PageRequest(page: 1, size: 100)))
            lines += page.items.map { "\($0.id) \($0.activityType) \($0.status) \($0.occurredAt) \($0.headline) \($0.parentID ?? 0)" }
        }
        return lines
    }

    @Test func theSameSeedGivesTheSameData() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let first = try await fingerprint(try fill(directory, name: "a.sqlite", seed: 7))
        let second = try await fingerprint(try fill(directory, name: "b.sqlite", seed: 7))
        let other = try await fingerprint(try fill(directory, name: "c.sqlite", seed: 8))
        #expect(first == second)
        #expect(first != other)
    }

    @Test func theDataCoversEveryTypeStatusAndRelation() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let backend = try fill(directory, name: "demo.sqlite", seed: 1)
        let patients = try await backend.patients(PatientQuery(page: PageRequest(page: 1, size: 100)))
        #expect(patients.pagination.totalCount == 30)
        #expect(patients.items.contains { $0.name != SearchKey.fold($0.name) })  // accents or scripts
        var types = Set<ActivityType>(), statuses = Set<ActivityStatus>()
        var subtasks = 0, blocked = 0, commented = 0, total = 0
        var earliest = Self.anchor, latest = Timestamp(milliseconds: 0)
        for patient in patients.items {
            for page in 1...3 {
                let result = try await backend.activities(patientID: patient.id, query: ActivityQuery(page: PageRequest(page: page, size: 25)))
                for item in result.items {
                    total += 1
                    types.insert(item.activityType)
                    statuses.insert(item.status)
                    if item.parentID != nil { subtasks += 1 }
                    if item.commentsCount > 0 { commented += 1 }
                    earliest = min(earliest, item.occurredAt)
                    latest = max(latest, item.occurredAt)
                }
            }
            let detailIDs = try await backend.activities(patientID: patient.id, query: ActivityQuery(activityType: .task)).items.map(\.id)
            for id in detailIDs where try await backend.activity(patientID: patient.id, id: id).blockedByID != nil { blocked += 1 }
        }
        #expect(total == 30 * 60)
        #expect(types == Set(ActivityType.allCases))
        #expect(statuses == Set(ActivityStatus.allCases))
        #expect(subtasks > 0 && blocked > 0 && commented > 0)
        #expect(latest <= Self.anchor)
        #expect(Self.anchor.milliseconds - earliest.milliseconds > 150 * 86_400_000)  // months of history
        let queue = try await backend.queue(ActivityQuery(status: .created))
        #expect(queue.pagination.totalCount > 0)
    }
}
