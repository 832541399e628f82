import ECMDomain
import ECMTUI
import Foundation

/// Made-up data for the UI core's tests: no backend, no terminal.
enum Fixtures {
    static let now = Timestamp(iso8601: "2024-11-20T18:00:00Z")!
    /// When the coordinator last looked at their queue: a day before `now`.
    static let seenAt = now.adding(seconds: -86_400)
    static let maria = User(id: 1, name: "Maria Hernández")
    static let tuan = User(id: 2, name: "Tuan Pham")
    static let jasmine = User(id: 3, name: "Jasmine Reyes")
    static let users = [jasmine, maria, tuan]
    /// Maria's saved view, and one Jasmine shares with the clinic.
    static let views = [
        SavedView(id: 7, name: "Late calls", filters: ViewFilters(activityType: .call, due: .overdue), shared: false, userID: 1, userName: maria.name),
        SavedView(id: 9, name: "Team visits", filters: ViewFilters(activityType: .inPersonAppointment, status: .created, assignedToID: 3), shared: true, userID: 3, userName: jasmine.name),
    ]

    static let patientNames = [
        "José Núñez García", "Nguyễn Thị Hoa", "王秀英", "김민준", "Արամ Հովհաննիսյան", "Maria Cristina dela Cruz",
        "Ángel Ibáñez", "Li Na Chen",
    ]

    static func patient(_ id: Int64) -> Patient {
        let name = patientNames[Int(id - 1) % patientNames.count]
        return Patient(
            id: id, name: name, dateOfBirth: CivilDate(year: 1950 + Int(id % 40), month: Int(id % 12) + 1, day: 14),
            openActivitiesCount: Int(id % 5), lastActivityAt: now, member: member(id))
    }

    /// A member record for three patients in four (every fourth has none): CIN, phone, a
    /// status by turns, a plan.
    static func member(_ id: Int64) -> MemberRecord {
        var member = MemberRecord()
        guard id % 4 != 0 else { return member }
        member.cin = "9\(1_234_560 + id % 1_000_000)" + ["A", "B", "C"][Int(id % 3)]
        member.phone = "41555501" + (id % 100 < 10 ? "0" : "") + "\(id % 100)"
        member.ecmStatus = ECMStatus.allCases[Int(id % 4)]
        if member.ecmStatus == .enrolled || member.ecmStatus == .discontinued { member.enrollmentStart = CivilDate(year: 2024, month: 3, day: 1) }
        if member.ecmStatus == .discontinued { member.enrollmentEnd = CivilDate(year: 2024, month: 9, day: 30) }
        member.healthPlanName = id % 2 == 0 ? "Health Net" : "Anthem Blue Cross"
        member.preferredLanguage = ["Spanish", "Vietnamese", "Cantonese"][Int(id % 3)]
        member.leadCareManagerID = jasmine.id
        return member
    }

    static func patientsPage(page: Int = 1, size: Int = 100, total: Int) -> Page<Patient> {
        let first = (page - 1) * size
        let items = (first..<min(total, first + size)).map { patient(Int64($0 + 1)) }
        return Page(items: items, pagination: Pagination(page: page, perPage: size, totalCount: total))
    }

    static let headlines = [
        "Follow up with patient about medication", "Confirm transportation for cardiology appointment",
        "Recordatorio: su cita es mañana a las 10am", "Nhắc nhở: cuộc hẹn của bạn vào ngày mai",
        "Help patient complete CalFresh application", "Call pharmacy about prior authorization",
    ]

    /// Activity `id` of a patient: ids count down as time goes back, one every 7 hours.
    static func activity(_ id: Int64, patientID: Int64 = 1, type: ActivityType? = nil, status: ActivityStatus? = nil) -> ActivitySummary {
        let types = ActivityType.allCases
        let kind = type ?? types[Int(id) % types.count]
        return ActivitySummary(
            id: id, activityType: kind, status: status ?? (id % 3 == 2 ? .complete : .created),
            message: kind == .task ? headlines[Int(id) % headlines.count] : nil, subject: kind == .task ? nil : "Progress Note",
            body: kind == .task ? nil : headlines[Int(id) % headlines.count], occurredAt: occurredAt(id),
            patientID: patientID, patientName: patient(patientID).name, performedByID: 1, performedByName: maria.name,
            assignedToID: id % 2 == 0 ? 1 : 2, assignedToName: id % 2 == 0 ? maria.name : tuan.name, parentID: nil,
            commentsCount: Int(id % 3), createdAt: occurredAt(id), updatedAt: now, subtasksCount: kind == .task ? 3 : 0,
            subtasksCompletedCount: kind == .task ? 1 : 0, blocked: id % 7 == 0, dueAt: due(id),
            bookedAt: kind == .inPersonAppointment ? now.adding(seconds: 3 * 86_400) : nil)
    }

    static func occurredAt(_ id: Int64) -> Timestamp { now.adding(seconds: -7 * 3600 * (1000 - id)) }

    /// Every fourth activity has a due time, cycling through next month, later today, this week and
    /// overdue: each style of the DUE column shows.
    static func due(_ id: Int64) -> Timestamp? {
        guard id % 4 == 1 else { return nil }
        return switch id / 4 % 4 {
        case 0: now.adding(seconds: 30 * 86_400)
        case 1: now.adding(seconds: 3 * 3600)
        case 2: now.adding(seconds: 4 * 86_400)
        default: now.adding(seconds: -2 * 86_400)
        }
    }

    /// A newest-first page of a patient's timeline of `total` activities (ids total…1).
    static func timelinePage(patientID: Int64 = 1, page: Int = 1, size: Int = 100, total: Int) -> Page<ActivitySummary> {
        let first = (page - 1) * size
        let items = (first..<min(total, first + size)).map { activity(Int64(total - $0), patientID: patientID) }
        return Page(items: items, pagination: Pagination(page: page, perPage: size, totalCount: total))
    }

    /// A page of a patient's timeline as a backend filters it (type, status, assignee).
    static func timelinePage(patientID: Int64, query: ActivityQuery, total: Int) -> Page<ActivitySummary> {
        let all = timelinePage(patientID: patientID, size: max(1, total), total: total).items.filter { query.admits($0) }
        let first = (query.page.page - 1) * query.page.size
        let items = first < all.count ? Array(all[first..<min(all.count, first + query.page.size)]) : []
        return Page(items: items, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: all.count))
    }

    static func detail(of summary: ActivitySummary, comments: Int = 2, subtasks: Int = 0, revision: Int64 = 4) -> ActivityDetail {
        ActivityDetail(
            id: summary.id, activityType: summary.activityType, status: summary.status, message: summary.message,
            subject: summary.subject, body: summary.body ?? "Patient reported feeling better after starting new medication.",
            occurredAt: summary.occurredAt, patientID: summary.patientID, patientName: summary.patientName,
            performedByID: 1, performedByName: maria.name, assignedToID: summary.assignedToID, assignedToName: summary.assignedToName,
            comments: (0..<comments).map {
                Comment(id: Int64($0 + 1), body: $0 == 0 ? "Called patient, no answer" : "Reached her — confirmed 👍", userID: 2, userName: tuan.name, createdAt: now)
            },
            subtasks: (0..<subtasks).map { activity(Int64(900 + $0), patientID: summary.patientID, type: .task, status: $0 == 0 ? .complete : .created) },
            event: Event(id: summary.id, eventType: summary.activityType, occurredAt: summary.occurredAt, status: summary.status),
            createdAt: now, updatedAt: now, revision: revision)
    }
}

/// A UI state driven as the loop drives it, recording the effects of each step.
struct Harness {
    var state: AppState
    var effects: [Effect]

    init(size: Size = Size(width: 160, height: 48)) {
        (state, effects) = AppState.start(
            configuration: AppState.Configuration(location: "~/.local/share/ecm/ecm.sqlite"), size: size, now: Fixtures.now)
    }

    @discardableResult
    mutating func send(_ message: Message) -> [Effect] {
        effects = state.update(message)
        return effects
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        var all: [Effect] = []
        for key in keys { all += send(.key(key)) }
        effects = all
        return all
    }

    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    /// Answers every fetch among the last effects from the fixtures, like a backend would.
    mutating func answerFetches(
        patients: Int = 8, activities: Int = 12, subtasks: Int = 0, caseload: [Patient]? = nil,
        editTimeline: (inout Page<ActivitySummary>) -> Void = { _ in }
    ) {
        /// The patients answered: `caseload` when given, else the fixtures' first `patients`.
        func patientsPage(_ query: PatientQuery) -> Page<Patient> {
            guard let caseload else { return Fixtures.patientsPage(page: query.page.page, size: query.page.size, total: patients) }
            let items = Array(caseload.dropFirst(query.page.offset).prefix(query.page.size))
            return Page(items: items, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: caseload.count))
        }
        var pending = effects
        var rounds = 0
        while !pending.isEmpty, rounds < 20 {
            rounds += 1
            var next: [Effect] = []
            for effect in pending {
                if case .write(.lookAtQueue) = effect {
                    // Looking at the queue is bookkeeping the backend answers like a read.
                    next += state.update(.wrote(.lookAtQueue, .success(.queueSeen(QueueSeen(seenAt: Fixtures.now, previousSeenAt: Fixtures.seenAt)))))
                    continue
                }
                guard case .fetch(let fetch) = effect else { continue }
                let result: FetchResult
                switch fetch {
                case .me: result = .me(Fixtures.maria)
                case .users: result = .users(Fixtures.users)
                case .page(.patients(let query), _): result = .patients(patientsPage(query))
                case .page(.timeline(let patientID, let query), _):
                    var page = Fixtures.timelinePage(patientID: patientID, query: query, total: activities)
                    editTimeline(&page)
                    result = .activities(page)
                case .page(.queue(let query), _):
                    let page = Fixtures.timelinePage(patientID: 2, page: query.page.page, size: query.page.size, total: activities)
                    result = .activities(page)
                case .patient(let id): result = .patient(caseload?.first { $0.id == id } ?? Fixtures.patient(id))
                case .detail(let patientID, let id, _):
                    var summary = Fixtures.activity(id, patientID: patientID)
                    summary.patientName = caseload?.first { $0.id == patientID }?.name ?? Fixtures.patient(patientID).name
                    result = .detail(Fixtures.detail(of: summary, subtasks: subtasks))
                case .allItems(let source, _):
                    let items: [ActivitySummary]
                    switch source {
                    case .timeline(let patientID, var query):
                        query.page = PageRequest(page: 1, size: 100)
                        items = Fixtures.timelinePage(patientID: patientID, query: query, total: activities).items
                    case .queue:
                        items = Fixtures.timelinePage(patientID: 2, page: 1, size: 100, total: activities).items
                    }
                    result = .allItems(items.map(MarkedActivity.init))
                case .views:
                    result = .views(Page(items: Fixtures.views, pagination: Pagination(page: 1, perPage: 100, totalCount: Fixtures.views.count)))
                case .viewCount(let id, _):
                    result = .count(Int(abs(id)) * 3)
                case .queueSeen:
                    result = .queueSeen(QueueSeen(seenAt: Fixtures.seenAt))
                case .newCount:
                    result = .count(0)
                }
                next += state.update(.fetched(fetch, .success(result)))
            }
            pending = next
        }
        effects = []
    }

    /// Fetches among the last effects, for assertions.
    var fetches: [Fetch] {
        effects.compactMap { if case .fetch(let fetch) = $0 { return fetch } else { return nil } }
    }

    var writes: [Write] {
        effects.compactMap { if case .write(let write) = $0 { return write } else { return nil } }
    }

    /// The screen as text.
    var screen: String { View.render(state).buffer.plainText }
    /// The screen's style runs (`Buffer.styleRuns`).
    var styles: String { View.render(state).buffer.styleRuns }
}
