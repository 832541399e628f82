import Foundation

/// One event as the PRTF report reads it.
public struct PRTFEvent: Hashable, Sendable {
    public var type: ActivityType
    public var status: ActivityStatus
    public var occurredAt: Timestamp
    public var duration: Int?
    public var outcome: ActivityOutcome?

    public init(type: ActivityType, status: ActivityStatus, occurredAt: Timestamp, duration: Int? = nil, outcome: ActivityOutcome? = nil) {
        self.type = type
        self.status = status
        self.occurredAt = occurredAt
        self.duration = duration
        self.outcome = outcome
    }
}

/// A member as the report reads them: the record, and their events up to the period's end
/// (tasks left out: they are neither contacts nor minutes).
public struct PRTFMember: Hashable, Sendable {
    public var patientID: Int64
    public var name: String
    public var dateOfBirth: CivilDate?
    public var record: MemberRecord
    public var leadCareManagerName: String?
    public var events: [PRTFEvent]

    public init(
        patientID: Int64, name: String, dateOfBirth: CivilDate?, record: MemberRecord, leadCareManagerName: String?, events: [PRTFEvent]
    ) {
        self.patientID = patientID
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.record = record
        self.leadCareManagerName = leadCareManagerName
        self.events = events
    }
}

/// The report's period: from the start date's first moment to the end date's last, in one
/// time zone (the clinic's: the server's or the CLI's `TZ`), so an evening call on the last day
/// of a quarter is in that quarter.
public struct PRTFPeriod: Hashable, Sendable {
    public let start: CivilDate
    public let end: CivilDate
    public let zone: TimeZone

    public init(start: CivilDate, end: CivilDate, zone: TimeZone) {
        self.start = start
        self.end = end
        self.zone = zone
    }

    /// The start date's midnight.
    public var startsAt: Timestamp { WallClock.parse(start.iso8601, zone) ?? Timestamp(milliseconds: start.daysSinceEpoch * 86_400_000) }
    /// The midnight after the end date: events before it are on or before the end date.
    public var endsBefore: Timestamp {
        let next = CivilDate(daysSinceEpoch: end.daysSinceEpoch + 1)
        return WallClock.parse(next.iso8601, zone) ?? Timestamp(milliseconds: next.daysSinceEpoch * 86_400_000)
    }

    /// The day an instant falls on, in the period's zone.
    public func day(of time: Timestamp) -> CivilDate { WallClock.local(time, zone).date }

    public func contains(_ day: CivilDate) -> Bool { start <= day && day <= end }
}

/// The rule that turns a member's events into the report's numbers. Every number in a row can
/// be traced to events by it (the README's PRTF section says the same in words):
/// - Counted events: calls, SMS, emails, in-person appointments and notes that are not
///   cancelled; tasks never count.
/// - Enrolled on a day: the member's ECM status is `enrolled` or `discontinued`, and the day is
///   on or after the enrollment start and on or before the enrollment end (when there is one).
///   ecm keeps the record's current dates, not a history of status changes.
/// - An encounter: a visit or a call on a day the member was enrolled (in person; telehealth or
///   phone).
/// - An outreach attempt: a visit, call, SMS or email on a day the member was not enrolled (in
///   person; telephonic or electronic), successful when its outcome is `successful`, otherwise
///   (unsuccessful, or none recorded) unsuccessful.
/// - SMS and email on an enrolled day are contacts but neither encounters nor outreach.
/// - Minutes: the durations of the period's counted events (calls, visits, notes).
/// - First outreach date: the member's earliest outreach attempt up to the period's end (it may
///   be before the period). Last contact date: their latest encounter or successful contact
///   up to the period's end.
/// - A member is listed when they had a counted event in the period or were enrolled on any
///   day of it.
public enum PRTFRule {
    public enum Kind: Hashable, Sendable {
        case encounter(inPerson: Bool)
        case outreach(inPerson: Bool, successful: Bool)
        /// SMS or email while enrolled.
        case enrolledMessage(successful: Bool)
        /// A note: minutes only.
        case minutesOnly
        /// Cancelled, or a task.
        case notCounted
    }

    public static func isEnrolled(_ record: MemberRecord, on day: CivilDate) -> Bool {
        guard record.ecmStatus == .enrolled || record.ecmStatus == .discontinued, let start = record.enrollmentStart, start <= day else { return false }
        return record.enrollmentEnd.map { day <= $0 } ?? true
    }

    public static func kind(of event: PRTFEvent, record: MemberRecord, day: CivilDate) -> Kind {
        guard event.status != .cancelled else { return .notCounted }
        let enrolled = isEnrolled(record, on: day)
        let successful = event.outcome == .successful
        switch event.type {
        case .task: return .notCounted
        case .note: return .minutesOnly
        case .inPersonAppointment: return enrolled ? .encounter(inPerson: true) : .outreach(inPerson: true, successful: successful)
        case .call: return enrolled ? .encounter(inPerson: false) : .outreach(inPerson: false, successful: successful)
        case .sms, .email: return enrolled ? .enrolledMessage(successful: successful) : .outreach(inPerson: false, successful: successful)
        }
    }

    /// A member's numbers for the period.
    public static func tally(_ member: PRTFMember, period: PRTFPeriod) -> PRTFTally {
        var tally = PRTFTally()
        for event in member.events {
            let day = period.day(of: event.occurredAt)
            guard day <= period.end else { continue }
            let kind = kind(of: event, record: member.record, day: day)
            let contact: Bool
            switch kind {
            case .notCounted: continue
            case .encounter: contact = true
            case .outreach(_, let successful), .enrolledMessage(let successful): contact = successful
            case .minutesOnly: contact = false
            }
            if case .outreach = kind { tally.firstOutreach = min(tally.firstOutreach ?? day, day) }
            if contact { tally.lastContact = max(tally.lastContact ?? day, day) }
            guard period.contains(day) else { continue }
            tally.countedEvents += 1
            tally.minutes += event.duration ?? 0
            switch kind {
            case .encounter(let inPerson): inPerson ? (tally.inPersonEncounters += 1) : (tally.phoneEncounters += 1)
            case .outreach(true, true): tally.inPersonOutreachSuccessful += 1
            case .outreach(true, false): tally.inPersonOutreachUnsuccessful += 1
            case .outreach(false, true): tally.remoteOutreachSuccessful += 1
            case .outreach(false, false): tally.remoteOutreachUnsuccessful += 1
            default: break
            }
        }
        return tally
    }

    /// Whether the member has a row: a counted event in the period, or enrolled on a day of it.
    public static func isListed(_ member: PRTFMember, tally: PRTFTally, period: PRTFPeriod) -> Bool {
        if tally.countedEvents > 0 { return true }
        let record = member.record
        guard record.ecmStatus == .enrolled || record.ecmStatus == .discontinued, let start = record.enrollmentStart else { return false }
        return start <= period.end && (record.enrollmentEnd.map { $0 >= period.start } ?? true)
    }
}

/// A member's numbers for the period (`PRTFRule.tally`).
public struct PRTFTally: Hashable, Sendable {
    public var inPersonEncounters = 0
    public var phoneEncounters = 0
    public var inPersonOutreachSuccessful = 0
    public var inPersonOutreachUnsuccessful = 0
    public var remoteOutreachSuccessful = 0
    public var remoteOutreachUnsuccessful = 0
    public var minutes = 0
    public var firstOutreach: CivilDate?
    public var lastContact: CivilDate?
    /// Counted events in the period (any kind).
    public var countedEvents = 0

    public init() {}
}
