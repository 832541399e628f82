import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// For generated members and events, every number of the report equals the events of the period
/// classified by the README's rule, computed here a second way: days by Foundation's calendar
/// (not the app's wall clock), counts by filtering the event list once per column.
struct PRTFRulePropertyTests {
    static let zones = ["America/Los_Angeles", "UTC", "Pacific/Kiritimati"].map { TimeZone(identifier: $0)! }

    /// The day an instant falls on, by Foundation's calendar.
    static func day(_ time: Timestamp, _ zone: TimeZone) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(time.milliseconds) / 1000))
        return CivilDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    struct Expected: Equatable {
        var columns: [Int]
        var firstOutreach: CivilDate?
        var lastContact: CivilDate?
        var listed: Bool
    }

    /// The rule as the README words it, written out column by column.
    static func expected(_ member: PRTFMember, start: CivilDate, end: CivilDate, zone: TimeZone) -> Expected {
        let record = member.record
        func enrolled(_ day: CivilDate) -> Bool {
            guard [.enrolled, .discontinued].contains(record.ecmStatus), let from = record.enrollmentStart else { return false }
            return from <= day && (record.enrollmentEnd == nil || day <= record.enrollmentEnd!)
        }
        let counted = member.events.filter { $0.status != .cancelled && $0.type != .task }
            .map { (event: $0, day: day($0.occurredAt, zone)) }
            .filter { $0.day <= end }
        let inPeriod = counted.filter { $0.day >= start }
        let contactTypes: Set<ActivityType> = [.call, .sms, .email, .inPersonAppointment]
        func count(_ types: Set<ActivityType>, enrolledThen: Bool, successful: Bool? = nil) -> Int {
            inPeriod.filter {
                types.contains($0.event.type) && enrolled($0.day) == enrolledThen
                    && (successful == nil || ($0.event.outcome == .successful) == successful!)
            }.count
        }
        let columns = [
            count([.inPersonAppointment], enrolledThen: true),
            count([.call], enrolledThen: true),
            count([.inPersonAppointment], enrolledThen: false, successful: true),
            count([.inPersonAppointment], enrolledThen: false, successful: false),
            count([.call, .sms, .email], enrolledThen: false, successful: true),
            count([.call, .sms, .email], enrolledThen: false, successful: false),
            inPeriod.reduce(0) { $0 + ($1.event.duration ?? 0) },
        ]
        let outreachDays = counted.filter { contactTypes.contains($0.event.type) && !enrolled($0.day) }.map(\.day)
        let contactDays = counted.filter {
            ([.call, .inPersonAppointment].contains($0.event.type) && enrolled($0.day))
                || (contactTypes.contains($0.event.type) && $0.event.outcome == .successful)
        }.map(\.day)
        let enrolledSomeDay =
            [.enrolled, .discontinued].contains(record.ecmStatus) && record.enrollmentStart.map { $0 <= end } == true
            && (record.enrollmentEnd.map { $0 >= start } ?? true)
        return Expected(
            columns: columns, firstOutreach: outreachDays.min(), lastContact: contactDays.max(), listed: !inPeriod.isEmpty || enrolledSomeDay)
    }

    static func generatedMember(_ id: Int64, around start: CivilDate, _ random: inout SplitMix64) -> PRTFMember {
        func dayNear(_ spread: Int64) -> CivilDate { CivilDate(daysSinceEpoch: start.daysSinceEpoch + Int64.random(in: -spread...spread, using: &random)) }
        var record = MemberRecord()
        record.ecmStatus = ([nil] + ECMStatus.allCases.map { $0 }).randomElement(using: &random)!
        if Bool.random(using: &random) { record.enrollmentStart = dayNear(120) }
        if Bool.random(using: &random) { record.enrollmentEnd = dayNear(150) }
        let base = start.daysSinceEpoch * 86_400_000
        let events = (0..<Int.random(in: 0...14, using: &random)).map { _ in
            // Within ~4 months either side of the start, often right on a midnight somewhere.
            var ms = base + Int64.random(in: -120...150, using: &random) * 86_400_000
            ms += Bool.random(using: &random) ? Int64.random(in: 0..<86_400_000, using: &random) : Int64.random(in: -14...14, using: &random) * 3_600_000
            return PRTFEvent(
                type: ActivityType.allCases.randomElement(using: &random)!,
                status: ActivityStatus.allCases.randomElement(using: &random)!,
                occurredAt: Timestamp(milliseconds: ms),
                duration: Bool.random(using: &random) ? Int.random(in: 1...120, using: &random) : nil,
                outcome: [nil, .successful, .unsuccessful].randomElement(using: &random)!)
        }
        return PRTFMember(patientID: id, name: "Member \(id)", dateOfBirth: nil, record: record, leadCareManagerName: nil, events: events)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func everyCountIsTheRulesCountOfThePeriodsEvents(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for id in 1...400 as ClosedRange<Int64> {
            let zone = Self.zones.randomElement(using: &random)!
            let start = CivilDate(daysSinceEpoch: 20_500 + Int64.random(in: 0...400, using: &random))
            let end = CivilDate(daysSinceEpoch: start.daysSinceEpoch + Int64.random(in: 0...120, using: &random))
            let member = Self.generatedMember(id, around: start, &random)
            let period = PRTFPeriod(start: start, end: end, zone: zone)
            let tally = PRTFRule.tally(member, period: period)
            let actual = Expected(
                columns: [
                    tally.inPersonEncounters, tally.phoneEncounters, tally.inPersonOutreachSuccessful, tally.inPersonOutreachUnsuccessful,
                    tally.remoteOutreachSuccessful, tally.remoteOutreachUnsuccessful, tally.minutes,
                ],
                firstOutreach: tally.firstOutreach, lastContact: tally.lastContact, listed: PRTFRule.isListed(member, tally: tally, period: period))
            let expected = Self.expected(member, start: start, end: end, zone: zone)
            #expect(actual == expected, "seed \(seed), member \(id), \(start.iso8601)…\(end.iso8601) \(zone.identifier): \(member)")
            if actual != expected { return }
        }
    }
}
