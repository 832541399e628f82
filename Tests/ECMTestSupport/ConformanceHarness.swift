import ECMDomain
import Foundation
import Testing

/// What the conformance suite needs from a backend under test: fresh data and backends acting
/// as chosen users. Set-up (users, patients) is not part of `ActivityBackend`, so each backend's
/// tests provide it their own way (the store directly; the server's admin commands).
public protocol ConformanceHarness: Sendable {
    func addUser(_ name: String) async throws -> User
    func addPatient(_ name: String, dateOfBirth: String?) async throws -> Patient
    /// A backend acting as `user`.
    func backend(actingAs user: User) async throws -> any ActivityBackend
    /// A backend whose acting user is not (or no longer) allowed.
    func unauthorizedBackend() async throws -> any ActivityBackend
    /// The store's outbox, as the delivery worker sees it: how cases make a delivery fail.
    var outbox: any EmailOutboxStore { get }
    /// Disables a user's account, as an administrator does (their work is left behind).
    func disable(_ user: User) async throws
}

extension AccountChange {
    /// What the harnesses disable an account with, and its audit row.
    public static func disabling(_ user: User) -> (change: AccountChange, audit: AuditEntry) {
        (AccountChange(disabled: true), AuditEntry(userID: nil, action: .update, resource: "user", resourceID: user.id, status: 200, clinicID: user.clinicID))
    }
}

extension ConformanceHarness {
    /// Fails an email's delivery for good, as a mail server's 550 would.
    public func failDelivery(of activityID: Int64, error: String = "550 5.1.1 No such user") async throws {
        let now = Timestamp.now()
        let owner = "conformance-\(activityID)"
        _ = try await outbox.claimDueEmails(
            owner: owner, now: Timestamp(milliseconds: now.milliseconds + 60_000),
            leaseUntil: Timestamp(milliseconds: now.milliseconds + 120_000), limit: 1_000)
        try await outbox.recordEmailAttempt(activityID: activityID, owner: owner, outcome: .failed(error: error), at: now)
        try await outbox.releaseEmails(owner: owner)
    }
}

/// One rule of the contract, runnable against any harness.
public struct ConformanceCase: Sendable, CustomTestStringConvertible, CustomStringConvertible {
    public let name: String
    public let run: @Sendable (any ConformanceHarness) async throws -> Void

    public init(_ name: String, _ run: @escaping @Sendable (any ConformanceHarness) async throws -> Void) {
        self.name = name
        self.run = run
    }

    public var description: String { name }
    public var testDescription: String { name }
}

/// A fresh folder under the system's temporary directory, removed by `remove()`.
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "ecm-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// A small world most cases start from: a coordinator, a second user, two patients.
public struct World: Sendable {
    public let coordinator: User
    public let colleague: User
    public let patient: Patient
    public let otherPatient: Patient
    public let backend: any ActivityBackend
    public let colleagueBackend: any ActivityBackend

    public static func make(_ harness: any ConformanceHarness) async throws -> World {
        let coordinator = try await harness.addUser("Jane Coordinator")
        let colleague = try await harness.addUser("Bob Manager")
        let patient = try await harness.addPatient("José Núñez", dateOfBirth: "1950-03-14")
        let other = try await harness.addPatient("Nguyễn Thị Hoa", dateOfBirth: nil)
        return World(
            coordinator: coordinator, colleague: colleague, patient: patient, otherPatient: other,
            backend: try await harness.backend(actingAs: coordinator),
            colleagueBackend: try await harness.backend(actingAs: colleague))
    }

    /// Creates a task for the patient (or another) and returns it.
    @discardableResult
    public func task(
        _ message: String = "Follow up", patient: Patient? = nil, assignee: User? = nil,
        _ configure: (inout ActivityInput) -> Void = { _ in }
    ) async throws -> ActivityDetail {
        var input = ActivityInput()
        input.activityType = .value("task")
        input.message = .value(message)
        input.assignedToID = .value((assignee ?? coordinator).id)
        configure(&input)
        return try await backend.createActivity(patientID: (patient ?? self.patient).id, input: input)
    }
}

extension ActivityInput {
    /// An input from a JSON object literal, as a request body's `activity` would give it.
    public static func json(_ text: String) -> ActivityInput {
        guard let value = try? JSONValue(parsing: text.utf8), case .object(let object) = value
        else { fatalError("bad JSON literal in a test: \(text)") }
        return ActivityInput(json: object)
    }
}
