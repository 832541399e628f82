import ECMDomain
import ECMTUI

/// A deterministic random source (SplitMix64): the same seed gives the same world and keys.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A made-up caseload of varied sizes (empty, one row, a screenful, many pages), answered like a
/// backend would: filters, pages, the queue, details with their real subtasks and comments.
/// Every row's text starts with a tag (`P7`, `#42`, `C9`, `U3`) so a test can find it on screen.
struct GeneratedWorld {
    let users: [User]
    let patients: [Patient]
    /// Per patient, newest first.
    let activities: [Int64: [ActivitySummary]]
    let comments: [Int64: [Comment]]
    var me: User { users[0] }

    /// Row counts that hit the edges of the panes at the sizes the tests use.
    static let listSizes = [0, 1, 2, 19, 20, 45, 46, 63, 230]

    init(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let userCount = [1, 3, 30].randomElement(using: &random)!
        let users = (1...userCount).map { User(id: Int64($0), name: "U\($0) Coordinator") }
        self.users = users
        let patientCount = [0, 1, 19, 20, 45, 250].randomElement(using: &random)!
        let now = Timestamp(iso8601: "2024-11-20T18:00:00Z")!
        var patients: [Patient] = []
        var activities: [Int64: [ActivitySummary]] = [:]
        var comments: [Int64: [Comment]] = [:]
        var nextID: Int64 = 1
        var nextComment: Int64 = 1
        for number in 0..<patientCount {
            let patientID = Int64(number + 1)
            let name = "P\(patientID)"
            patients.append(Patient(id: patientID, name: name, dateOfBirth: nil, openActivitiesCount: number % 4, lastActivityAt: now))
            // Only some patients get long timelines, so the worlds stay small enough to be quick.
            let count = number < 6 ? Self.listSizes.randomElement(using: &random)! : Int.random(in: 0...3, using: &random)
            var list: [ActivitySummary] = []
            var tasks: [Int64] = []
            for index in 0..<count {
                let id = nextID
                nextID += 1
                // The newest is a task, so that the detail a timeline opens with often has subtasks.
                let type = index == 0 ? .task : ActivityType.allCases.randomElement(using: &random)!
                let assignee = users.randomElement(using: &random)!
                // A task may be a subtask of one of the two newest tasks, which collect many.
                let parent: Int64? = type == .task && !tasks.isEmpty && Int.random(in: 0..<10, using: &random) < 7 ? tasks.prefix(2).randomElement(using: &random) : nil
                if type == .task { tasks.append(id) }
                let text = "#\(id) \(type.rawValue)"
                let commentCount = [0, 0, 1, 3, 12].randomElement(using: &random)!
                comments[id] = (0..<commentCount).map { _ in
                    defer { nextComment += 1 }
                    let lines = Int.random(in: 1...4, using: &random)
                    return Comment(
                        id: nextComment, body: Array(repeating: "words of a comment", count: lines * 3).joined(separator: " "),
                        userID: assignee.id, userName: "C\(nextComment)", createdAt: now)
                }
                list.append(ActivitySummary(
                    id: id, activityType: type, status: ActivityStatus.allCases.randomElement(using: &random)!,
                    message: type == .task ? text : nil, subject: type == .task ? nil : text, body: nil,
                    occurredAt: now.adding(seconds: -3600 * Int64(index + 1)), patientID: patientID, patientName: name,
                    performedByID: users[0].id, performedByName: users[0].name, assignedToID: assignee.id, assignedToName: assignee.name,
                    parentID: parent, commentsCount: commentCount, createdAt: now, updatedAt: now, subtasksCount: 0,
                    subtasksCompletedCount: 0, blocked: false))
            }
            activities[patientID] = list
        }
        self.patients = patients
        self.activities = activities
        self.comments = comments
    }

    func answer(_ fetch: Fetch) -> FetchResult {
        switch fetch {
        case .me: return .me(me)
        case .users: return .users(users)
        case .page(.patients(let query), _): return .patients(page(patients, query.page))
        case .page(.timeline(let patientID, let query), _):
            let matching = (activities[patientID] ?? []).filter { query.admits($0) }
            return .activities(page(matching, query.page))
        case .page(.queue(let query), _):
            let open = patients.flatMap { activities[$0.id] ?? [] }.filter { query.admits($0) }.sorted { $0.occurredAt < $1.occurredAt }
            return .activities(page(open, query.page))
        case .detail(let patientID, let id, _):
            let summary = activities[patientID]!.first { $0.id == id }!
            return .detail(detail(of: summary))
        case .allItems(.timeline(let patientID, let query), _):
            return .allItems((activities[patientID] ?? []).filter { query.admits($0) }.map(MarkedActivity.init))
        case .views: return .views(Page(items: [], pagination: Pagination(page: 1, perPage: 100, totalCount: 0)))
        case .queueSeen: return .queueSeen(QueueSeen(seenAt: Fixtures.now.adding(seconds: -86_400)))
        case .newCount: return .count(0)
        case .patient(let id): return .patient(patients.first { $0.id == id }!)
        case .viewCount: return .count(0)
        case .allItems(.queue(let query), _):
            return .allItems(patients.flatMap { activities[$0.id] ?? [] }.filter { query.admits($0) }.map(MarkedActivity.init))
        }
    }

    func detail(of summary: ActivitySummary) -> ActivityDetail {
        let subtasks = (activities[summary.patientID] ?? []).filter { $0.parentID == summary.id }
        let siblings = activities[summary.patientID] ?? []
        // Links to other activities of the patient (often ones a filter hides), for Enter to follow.
        let blocker = siblings.first { $0.id != summary.id && $0.id % 5 == summary.id % 5 }
        let blocked = siblings.last { $0.id != summary.id && $0.id % 3 == summary.id % 3 }
        return ActivityDetail(
            id: summary.id, activityType: summary.activityType, status: summary.status, message: summary.message,
            subject: summary.subject, body: "Body of \(summary.id)", occurredAt: summary.occurredAt, patientID: summary.patientID,
            patientName: summary.patientName, performedByID: summary.performedByID, performedByName: summary.performedByName,
            assignedToID: summary.assignedToID, assignedToName: summary.assignedToName, parentID: summary.parentID,
            blockedByID: blocker?.id, blockingID: blocked?.id, comments: comments[summary.id] ?? [], subtasks: subtasks,
            createdAt: summary.createdAt, updatedAt: summary.updatedAt)
    }

    private func page<Item>(_ items: [Item], _ request: PageRequest) -> Page<Item> {
        let first = (request.page - 1) * request.size
        let slice = first < items.count ? Array(items[first..<min(items.count, first + request.size)]) : []
        return Page(items: slice, pagination: Pagination(page: request.page, perPage: request.size, totalCount: items.count))
    }
}

extension ActivityQuery {
    /// Whether the backend would list the activity for this query.
    func admits(_ item: ActivitySummary) -> Bool {
        (activityType == nil || activityType == item.activityType) && (status == nil || status == item.status)
            && (assignedToID == nil || assignedToID == item.assignedToID)
    }
}
