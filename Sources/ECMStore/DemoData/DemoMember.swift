import ECMDomain

/// A demo patient's member record and each outreach's outcome. Each is drawn from its own
/// stream, seeded by the patient's id (and the activity's place among theirs), so adding them left every name,
/// activity and time the main stream draws as it was.
enum DemoMember {
    static func record(patientID: Int64, historyStart: Int64, anchor: Timestamp, team: [Int64]) -> MemberRecord {
        var random = SeededRandom(seed: 0xEC3_0000 &+ UInt64(patientID) &* 0x2545_F491_4F6C_DD1D)
        var member = MemberRecord()
        let letter = Array("ABCDEFGHJKLMNPQRSTUVWXYZ")[Int(patientID) % 24]
        member.cin = "9\(String(patientID % 10_000_000).leftPadded(to: 7))\(letter)"
        member.phone = "\(random.pick(["213", "323", "415", "510", "559", "619", "916"]))555\(String(random.below(10_000)).leftPadded(to: 4))"
        member.preferredLanguage = random.pick(["English", "English", "Spanish", "Spanish", "Armenian", "Vietnamese", "Chinese", "Tagalog"])
        member.addressStreet = "\(1 + random.below(9_899)) \(random.pick(DemoVocabulary.streets))"
        let (city, zip) = random.pick(DemoVocabulary.cities)
        member.addressCity = city
        member.addressState = "CA"
        member.addressZIP = zip
        member.homeless = random.chance(12)
        let (planName, planPrefix) = random.pick(DemoVocabulary.healthPlans)
        member.healthPlanName = planName
        member.healthPlanID = "\(planPrefix)\(String(100_000 + random.below(900_000)))"
        member.populationOfFocus = member.homeless == true
            ? "Adults Experiencing Homelessness" : random.pick(DemoVocabulary.populationsOfFocus)
        member.acuity = random.pick(Acuity.allCases)
        member.leadCareManagerID = random.pick(team)
        let firstDay = CivilDate(daysSinceEpoch: historyStart / 86_400_000)
        let lastDay = CivilDate(daysSinceEpoch: anchor.milliseconds / 86_400_000)
        let span = Int(lastDay.daysSinceEpoch - firstDay.daysSinceEpoch)
        let roll = random.below(100)
        switch roll {
        case ..<55:
            member.ecmStatus = .enrolled
            member.enrollmentStart = CivilDate(daysSinceEpoch: firstDay.daysSinceEpoch + Int64(random.below(max(span * 2 / 3, 1))))
        case ..<75:
            member.ecmStatus = .outreach
        case ..<85:
            member.ecmStatus = .declined
        default:
            member.ecmStatus = .discontinued
            let start = firstDay.daysSinceEpoch + Int64(random.below(max(span / 2, 1)))
            member.enrollmentStart = CivilDate(daysSinceEpoch: start)
            member.enrollmentEnd = CivilDate(daysSinceEpoch: start + 30 + Int64(random.below(max(span / 2 - 30, 1))))
            member.discontinuationReason = random.pick(DemoVocabulary.discontinuationReasons)
        }
        return member
    }

    /// An outreach's outcome: about six in ten reach the member.
    static func outcome(patientID: Int64, index: Int, type: ActivityType) -> ActivityOutcome? {
        guard type.takesOutcome else { return nil }
        var random = SeededRandom(seed: 0x0C7_0000 &+ UInt64(patientID) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        return random.chance(60) ? .successful : .unsuccessful
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
