import ECMDomain
import GRDB

/// Fills a store with deterministic, realistic demo data: a care team, patients with the names
/// of a Medi-Cal caseload, and for each patient a history of every type and status of activity
/// spread over months, with subtasks, blocked-by chains, comments and events.
public struct DemoDataGenerator: Sendable {
    public var patients: Int
    public var activitiesPerPatient: Int
    public var seed: UInt64
    /// The latest time an activity occurs at; history stretches back about nine months.
    public var anchor: Timestamp
    /// When above zero, one more patient with this many activities (a very long history).
    public var longHistoryActivities: Int
    /// When above zero, one more coordinator with this many open tasks assigned to them, spread
    /// over the patients added in the same run (a very long queue).
    public var busyCoordinatorTasks: Int

    public init(
        patients: Int = 200, activitiesPerPatient: Int = 40, seed: UInt64 = 1, anchor: Timestamp = .now(),
        longHistoryActivities: Int = 0, busyCoordinatorTasks: Int = 0
    ) {
        self.patients = patients
        self.activitiesPerPatient = activitiesPerPatient
        self.seed = seed
        self.anchor = anchor
        self.longHistoryActivities = longHistoryActivities
        self.busyCoordinatorTasks = busyCoordinatorTasks
    }

    /// The name of the patient with the long history, and of the busy coordinator.
    public static let longHistoryPatientName = "Esperanza Villaseñor Cárdenas"
    public static let busyCoordinatorName = "Beatriz Olmedo"

    /// How many patients one transaction writes.
    static let batchSize = 250

    /// Writes the data, calling `progress(patientsDone, patientsTotal)` after each batch.
    public func generate(into database: AppDatabase, progress: (Int, Int) -> Void = { _, _ in }) throws(BackendError) {
        guard patients >= 0, activitiesPerPatient >= 0, longHistoryActivities >= 0, busyCoordinatorTasks >= 0 else {
            throw .validation(["Patients and activities per patient must not be negative"])
        }
        let team = try database.writeNow { db in try Self.careTeam(db) }
        // The indexes by assignee take rows in no order: with SQLite's default 2 MB page cache a
        // million activities would re-read and re-write their pages from the file over and over.
        try database.writeNow { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        defer { try? database.writeNow { db in try db.execute(sql: "PRAGMA cache_size = -2000") } }
        var random = SeededRandom(seed: seed)
        var done = 0
        var patientIDs: ClosedRange<Int64>?
        progress(0, patients)
        while done < patients {
            let count = min(Self.batchSize, patients - done)
            let added = try database.writeNow { db in
                var writer = try BatchWriter(db, team: team, anchor: anchor)
                for index in done..<(done + count) {
                    try writer.patient(number: index, activities: activitiesPerPatient, random: &random)
                }
                return writer.patientIDs
            }
            if let added { patientIDs = (patientIDs?.lowerBound ?? added.lowerBound)...added.upperBound }
            done += count
            progress(done, patients)
        }
        if longHistoryActivities > 0 {
            try database.writeNow { db in
                var writer = try BatchWriter(db, team: team, anchor: anchor)
                try writer.patient(
                    number: patients, activities: longHistoryActivities, random: &random, name: Self.longHistoryPatientName)
            }
        }
        if busyCoordinatorTasks > 0, let patientIDs {
            try database.writeNow { db in
                var writer = try BatchWriter(db, team: team, anchor: anchor)
                try writer.busyCoordinator(tasks: busyCoordinatorTasks, patients: patientIDs, random: &random)
            }
        }
    }

    /// The existing users, or a new care team when the store has none.
    private static func careTeam(_ db: Database) throws -> [Int64] {
        let existing = try Int64.fetchAll(db, sql: "SELECT id FROM users ORDER BY id LIMIT 50")
        if !existing.isEmpty { return existing }
        let now = Timestamp.now().milliseconds
        return try DemoVocabulary.careTeam.map { name in
            try db.execute(
                sql: "INSERT INTO users (name, name_key, created_at) VALUES (?, ?, ?)",
                arguments: [name, SearchKey.fold(name), now])
            return db.lastInsertedRowID
        }
    }
}

/// Prepared statements for one transaction of demo data.
private struct BatchWriter {
    let db: Database
    let team: [Int64]
    let anchor: Timestamp
    let insertPatient: Statement
    let insertActivity: Statement
    let insertEvent: Statement
    let insertComment: Statement
    let updateMember: Statement
    /// The patients this writer added.
    private(set) var patientIDs: ClosedRange<Int64>?

    init(_ db: Database, team: [Int64], anchor: Timestamp) throws {
        self.db = db
        self.team = team
        self.anchor = anchor
        insertPatient = try db.makeStatement(sql: """
            INSERT INTO patients (name, name_key, date_of_birth, last_activity_at, created_at) VALUES (?, ?, ?, ?, ?)
            """)
        let memberColumns = MemberField.allCases.map(\.column)
        updateMember = try db.makeStatement(sql: """
            UPDATE patients SET \(memberColumns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        insertActivity = try db.makeStatement(sql: """
            INSERT INTO activities (patient_id, activity_type, status, message, subject, body, occurred_at,
              booked_at, email_to, email_attachments, transcript, performed_by_id, assigned_to_id, parent_id,
              blocked_by_id, voice_call_id, text_message_id, created_at, updated_at, duration, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertEvent = try db.makeStatement(sql: """
            INSERT INTO events (activity_id, patient_id, event_type, occurred_at, status, subject, body, duration, outcome)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertComment = try db.makeStatement(sql: """
            INSERT INTO comments (activity_id, user_id, body, created_at) VALUES (?, ?, ?, ?)
            """)
    }

    /// About nine months, in milliseconds.
    private static let historySpan: Int64 = 270 * 86_400_000

    mutating func patient(number: Int, activities count: Int, random: inout SeededRandom, name fixedName: String? = nil) throws {
        let name = fixedName ?? Self.patientName(&random)
        let dob = CivilDate(daysSinceEpoch: Int64(-10_950 + random.below(25_550)))  // 1940…2009
        let spacing = count > 0 ? Self.historySpan / Int64(count) : 0
        var time = anchor.milliseconds - Self.historySpan
        let lastActivity: Int64? = count > 0 ? anchor.milliseconds - Int64(random.below(Int(max(spacing, 1)))) : nil
        try insertPatient.execute(arguments: [name, SearchKey.fold(name), dob.iso8601, lastActivity, anchor.milliseconds - Self.historySpan])
        let patientID = db.lastInsertedRowID
        let member = DemoMember.record(patientID: patientID, historyStart: anchor.milliseconds - Self.historySpan, anchor: anchor, team: team)
        try updateMember.execute(arguments: StatementArguments(StoreBackend.memberArguments(member) + [patientID]))
        patientIDs = (patientIDs?.lowerBound ?? patientID)...patientID
        var openTasks: [Int64] = []
        for index in 0..<count {
            // Evenly spread with jitter; the last activity lands on `lastActivity`.
            time += spacing
            var occurred = time - Int64(random.below(Int(max(spacing, 1))))
            if index == count - 1, let lastActivity { occurred = lastActivity }
            let age = anchor.milliseconds - occurred
            let parent = !openTasks.isEmpty && random.chance(5) ? openTasks.last : nil
            let type: ActivityType = parent != nil ? .task : Self.type(&random)
            let status = Self.status(age: age, &random)
            var message: String?, subject: String?, body: String?, emailTo: String?, attachments: String?
            var bookedAt: Int64?, voiceCall: Int64?, textMessage: Int64?, transcript: String?, duration: Int?
            switch type {
            case .task:
                message = parent != nil ? random.pick(DemoVocabulary.subtaskMessages) : random.pick(DemoVocabulary.taskMessages)
                if random.chance(60) { subject = random.pick(DemoVocabulary.subjects) }
            case .note:
                body = random.pick(DemoVocabulary.noteBodies)
                subject = random.pick(DemoVocabulary.subjects)
            case .sms:
                body = random.pick(DemoVocabulary.smsBodies)
                textMessage = Int64(100_000 + random.below(900_000))
            case .call:
                voiceCall = Int64(100_000 + random.below(900_000))
                subject = random.pick(DemoVocabulary.subjects)
                duration = 2 + random.below(40)
                if random.chance(30) { transcript = "Coordinator: Hello, this is your care coordinator.\nPatient: Hi, yes." }
            case .email:
                emailTo = "family\(patientID)@example.org"
                subject = random.pick(DemoVocabulary.subjects)
                body = random.pick(DemoVocabulary.emailBodies)
                if random.chance(30) { attachments = #"["https://storage.example.com/documents/care-plan.pdf"]"# }
            case .inPersonAppointment:
                bookedAt = occurred + Int64(random.below(14)) * 86_400_000 + 3_600_000 * Int64(1 + random.below(8))
                subject = "Monthly Check-in"
                body = random.pick(DemoVocabulary.visitBodies)
                duration = 30 + 15 * random.below(4)
            }
            let outcome = DemoMember.outcome(patientID: patientID, index: index, type: type)?.rawValue
            let blockedBy = type == .task && parent == nil && openTasks.count > 1 && random.chance(10)
                ? openTasks[openTasks.count - 2] : nil
            let performer = random.pick(team)
            // The first team member (the default acting user) carries a bigger share.
            let assignee = random.chance(25) ? team[0] : random.pick(team)
            try insertActivity.execute(arguments: [
                patientID, type.rawValue, status.rawValue, message, subject, body, occurred, bookedAt, emailTo,
                attachments, transcript, performer, assignee, parent, blockedBy, voiceCall, textMessage,
                occurred, occurred, duration, outcome,
            ])
            let activityID = db.lastInsertedRowID
            try insertEvent.execute(arguments: [
                activityID, patientID, type.rawValue, occurred, status.rawValue, subject, body, duration, outcome,
            ])
            if type == .task && parent == nil {
                openTasks.append(activityID)
                if openTasks.count > 4 { openTasks.removeFirst() }
            }
            if random.chance(15) {
                for n in 0..<(1 + random.below(2)) {
                    try insertComment.execute(arguments: [
                        activityID, random.pick(team), random.pick(DemoVocabulary.comments),
                        occurred + Int64(n + 1) * 3_600_000,
                    ])
                }
            }
        }
    }

    /// A coordinator who carries `tasks` open tasks, each for one of `patients`, spread over the
    /// history (the oldest waiting longest), as a caseload handed over from someone who left.
    mutating func busyCoordinator(tasks: Int, patients: ClosedRange<Int64>, random: inout SeededRandom) throws {
        let name = DemoDataGenerator.busyCoordinatorName
        try db.execute(
            sql: "INSERT INTO users (name, name_key, created_at) VALUES (?, ?, ?)",
            arguments: [name, SearchKey.fold(name), anchor.milliseconds - Self.historySpan])
        let coordinator = db.lastInsertedRowID
        let touchPatient = try db.makeStatement(sql: """
            UPDATE patients SET last_activity_at = ?1 WHERE id = ?2 AND (last_activity_at IS NULL OR last_activity_at < ?1)
            """)
        let spacing = max(1, Self.historySpan / Int64(max(tasks, 1)))
        var time = anchor.milliseconds - Self.historySpan
        for _ in 0..<tasks {
            time += spacing
            let occurred = time - Int64(random.below(Int(spacing)))
            let patientID = patients.lowerBound + Int64(random.below(patients.count))
            let subject: String? = random.chance(60) ? random.pick(DemoVocabulary.subjects) : nil
            try insertActivity.execute(arguments: [
                patientID, ActivityType.task.rawValue, ActivityStatus.created.rawValue,
                random.pick(DemoVocabulary.taskMessages), subject, nil, occurred, nil, nil, nil, nil,
                random.pick(team), coordinator, nil, nil, nil, nil, occurred, occurred, nil, nil,
            ])
            try insertEvent.execute(arguments: [
                db.lastInsertedRowID, patientID, ActivityType.task.rawValue, occurred, ActivityStatus.created.rawValue,
                subject, nil, nil, nil,
            ])
            try touchPatient.execute(arguments: [occurred, patientID])
        }
    }

    private static func patientName(_ random: inout SeededRandom) -> String {
        if random.chance(12) { return random.pick(DemoVocabulary.nativeScriptNames) }
        let index = random.below(DemoVocabulary.communities.count)
        let community = DemoVocabulary.communities[index]
        let name = "\(random.pick(community.given)) \(random.pick(community.family))"
        // Spanish names carry both family names (paternal, maternal).
        return index == 0 ? "\(name) \(random.pick(community.family))" : name
    }

    private static func type(_ random: inout SeededRandom) -> ActivityType {
        switch random.below(100) {
        case 0..<30: .task
        case 30..<50: .note
        case 50..<65: .call
        case 65..<80: .sms
        case 80..<90: .email
        default: .inPersonAppointment
        }
    }

    /// Older work is mostly done; recent work mostly open.
    private static func status(age: Int64, _ random: inout SeededRandom) -> ActivityStatus {
        let recent = age < 21 * 86_400_000
        let roll = random.below(100)
        if recent { return roll < 70 ? .created : roll < 92 ? .complete : .cancelled }
        return roll < 12 ? .created : roll < 90 ? .complete : .cancelled
    }
}
