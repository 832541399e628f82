import ECMDomain

/// How the UI writes a member's record, in one place: the patients pane's columns, the
/// timeline's title and the detail pane's patient header all read it.
public enum MemberText {
    /// The status column's letter: Outreach, Enrolled, Declined, discontinued (X), · for none.
    public static func statusLetter(_ status: ECMStatus?) -> String {
        switch status {
        case .outreach?: "O"
        case .enrolled?: "E"
        case .declined?: "D"
        case .discontinued?: "X"
        case nil: "·"
        }
    }

    /// The last four characters of a CIN (`567A`): what a coordinator reads off a plan's letter.
    public static func cinTail(_ cin: String?) -> String {
        guard let cin else { return "—" }
        return String(cin.suffix(4))
    }

    /// `1961-04-02`, or — when not known.
    public static func born(_ date: CivilDate?) -> String { date?.iso8601 ?? "—" }

    /// A stored phone (ten digits) as dialled: `(415) 555-0134`; other text as it is.
    public static func phone(_ phone: String) -> String {
        let digits = Array(phone)
        guard digits.count == 10, digits.allSatisfy(\.isNumber) else { return TerminalSafe.line(phone) }
        return "(\(String(digits[0..<3]))) \(String(digits[3..<6]))-\(String(digits[6...]))"
    }

    /// The status with its dates: `enrolled since 2026-01-05`, `discontinued 2026-06-30`.
    public static func status(_ member: MemberRecord) -> String? {
        guard let status = member.ecmStatus else { return nil }
        switch status {
        case .enrolled:
            return member.enrollmentStart.map { "enrolled since \($0.iso8601)" } ?? "enrolled"
        case .discontinued:
            let span = [member.enrollmentStart?.iso8601, member.enrollmentEnd?.iso8601].compactMap { $0 }.joined(separator: "–")
            return span.isEmpty ? "discontinued" : "discontinued (\(span))"
        case .outreach, .declined:
            return status.rawValue
        }
    }

    /// What the timeline's title says of the member in `width` columns: status, plan, phone
    /// (those recorded, `enrolled · Health Net · (415) 555-0134`). A long plan name is cut
    /// first; then the plan goes, then the phone; what is left is whole or not shown.
    public static func summary(_ member: MemberRecord, width: Int) -> String {
        let status = member.ecmStatus?.rawValue
        let phone = member.phone.map(phone)
        func joined(_ parts: String?...) -> String { parts.compactMap { $0 }.joined(separator: " · ") }
        if let plan = member.healthPlanName.map({ TerminalSafe.line($0) }) {
            let full = joined(status, plan, phone)
            if DisplayWidth.of(full) <= width { return full }
            let rest = joined(status, phone)
            let room = width - DisplayWidth.of(rest) - (rest.isEmpty ? 0 : 3)
            if room >= 4 { return joined(status, plan.truncated(toWidth: room), phone) }
        }
        return [joined(status, phone), joined(status)].first { !$0.isEmpty && DisplayWidth.of($0) <= width } ?? ""
    }

    /// The detail pane's patient header: name and id, date of birth, CIN, status with its
    /// dates, phone, plan, language and lead care manager, as many as `lines` lines of `width`
    /// hold. The phone comes before the plan: beside a narrow timeline (120 columns) the title
    /// has room for the status alone, and the header is where the phone is read.
    public static func header(_ patient: Patient, leadName: String?, width: Int, lines: Int = 3) -> [String] {
        let member = patient.member
        var parts = ["\(TerminalSafe.line(patient.name)) (\(patient.id))", "born \(born(patient.dateOfBirth))"]
        if let cin = member.cin { parts.append("CIN \(cin)") }
        parts += [status(member), member.phone.map(phone), member.healthPlanName.map { TerminalSafe.line($0) }].compactMap { $0 }
        if let language = member.preferredLanguage { parts.append(TerminalSafe.line(language)) }
        if let lead = leadName ?? member.leadCareManagerID.map({ "user \($0)" }) { parts.append("lead \(TerminalSafe.line(lead))") }
        return pack(parts, width: width, lines: lines)
    }

    /// Parts joined by " · " into lines of at most `width` columns, each part on the first line
    /// with room for it (a part never splits; one wider than a line is cut with "…"); what
    /// `lines` lines cannot hold is left out.
    public static func pack(_ parts: [String], width: Int, lines: Int) -> [String] {
        var packed: [String] = []
        for part in parts {
            if let index = packed.indices.first(where: { DisplayWidth.of(packed[$0]) + 3 + DisplayWidth.of(part) <= width }) {
                packed[index] += " · " + part
            } else if packed.count < lines {
                packed.append(part.truncated(toWidth: width))
            }
        }
        return packed
    }
}
