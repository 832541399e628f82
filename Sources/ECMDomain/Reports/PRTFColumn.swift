/// One column of a report template: its header, where its value comes from, and how it is
/// written. The PRTF layout is `PRTFColumn.prtf`; a plan's variant is another array of these.
public struct PRTFColumn: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        case providerNPI, providerName, providerPhone
        case member(MemberField)
        case lastName, firstName, dateOfBirth, leadCareManager
        case inPersonEncounters, phoneEncounters
        case inPersonOutreach(successful: Bool)
        case remoteOutreach(successful: Bool)
        case minutes, firstOutreach, lastContact
    }

    public enum Format: Hashable, Sendable {
        /// As kept.
        case text
        /// `MM/DD/YYYY`.
        case date
        /// `Y` or `N`.
        case flag
        /// A whole number; 0 is a count, not an empty cell.
        case count
    }

    public let header: String
    public let source: Source
    public let format: Format

    public init(_ header: String, _ source: Source, _ format: Format = .text) {
        self.header = header
        self.source = source
        self.format = format
    }

    /// The member-level PRTF layout (RTF-style): provider, payer, member, address and
    /// indicators, ECM status, then the period's counts.
    public static let prtf: [PRTFColumn] = [
        PRTFColumn("Provider NPI", .providerNPI),
        PRTFColumn("Provider Name", .providerName),
        PRTFColumn("Provider Phone", .providerPhone),
        PRTFColumn("Payer ID", .member(.healthPlanID)),
        PRTFColumn("Payer Name", .member(.healthPlanName)),
        PRTFColumn("Member CIN", .member(.cin)),
        PRTFColumn("Member Last Name", .lastName),
        PRTFColumn("Member First Name", .firstName),
        PRTFColumn("Member Date of Birth", .dateOfBirth, .date),
        PRTFColumn("Residential Address", .member(.addressStreet)),
        PRTFColumn("Residential City", .member(.addressCity)),
        PRTFColumn("Residential State", .member(.addressState)),
        PRTFColumn("Residential ZIP", .member(.addressZIP)),
        PRTFColumn("Homeless Indicator", .member(.homeless), .flag),
        PRTFColumn("Member Phone", .member(.phone)),
        PRTFColumn("Preferred Language", .member(.preferredLanguage)),
        PRTFColumn("Population of Focus", .member(.populationOfFocus)),
        PRTFColumn("ECM Status", .member(.ecmStatus)),
        PRTFColumn("Acuity Level", .member(.acuity)),
        PRTFColumn("ECM Enrollment Start Date", .member(.enrollmentStart), .date),
        PRTFColumn("ECM Enrollment End Date", .member(.enrollmentEnd), .date),
        PRTFColumn("Discontinuation Reason", .member(.discontinuationReason)),
        PRTFColumn("Lead Care Manager", .leadCareManager),
        PRTFColumn("In-Person Encounters", .inPersonEncounters, .count),
        PRTFColumn("Telehealth/Phone Encounters", .phoneEncounters, .count),
        PRTFColumn("In-Person Outreach Attempts Successful", .inPersonOutreach(successful: true), .count),
        PRTFColumn("In-Person Outreach Attempts Unsuccessful", .inPersonOutreach(successful: false), .count),
        PRTFColumn("Telephonic/Electronic Outreach Attempts Successful", .remoteOutreach(successful: true), .count),
        PRTFColumn("Telephonic/Electronic Outreach Attempts Unsuccessful", .remoteOutreach(successful: false), .count),
        PRTFColumn("Total Minutes", .minutes, .count),
        PRTFColumn("First Outreach Date", .firstOutreach, .date),
        PRTFColumn("Last Contact Date", .lastContact, .date),
    ]

    /// The cell for one member; nil when there is nothing to write.
    public func cell(_ member: PRTFMember, tally: PRTFTally, request: PRTFRequest) -> String? {
        switch source {
        case .providerNPI: return request.providerNPI
        case .providerName: return request.providerName
        case .providerPhone: return request.providerPhone
        case .member(let field):
            switch field.value(in: member.record) {
            case .text(let text)?: return format == .date ? CivilDate(iso8601: text).map(Self.usDate) ?? text : text
            case .date(let date)?: return Self.usDate(date)
            case .bool(let flag)?: return flag ? "Y" : "N"
            case .integer(let number)?: return String(number)
            case nil: return nil
            }
        case .lastName: return PersonName(member.name).last
        case .firstName: return PersonName(member.name).first
        case .dateOfBirth: return member.dateOfBirth.map(Self.usDate)
        case .leadCareManager: return member.leadCareManagerName
        case .inPersonEncounters: return String(tally.inPersonEncounters)
        case .phoneEncounters: return String(tally.phoneEncounters)
        case .inPersonOutreach(let successful):
            return String(successful ? tally.inPersonOutreachSuccessful : tally.inPersonOutreachUnsuccessful)
        case .remoteOutreach(let successful):
            return String(successful ? tally.remoteOutreachSuccessful : tally.remoteOutreachUnsuccessful)
        case .minutes: return String(tally.minutes)
        case .firstOutreach: return tally.firstOutreach.map(Self.usDate)
        case .lastContact: return tally.lastContact.map(Self.usDate)
        }
    }

    static func usDate(_ date: CivilDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(date.month))/\(two(date.day))/\(date.year)"
    }
}

/// A full name split as the report's columns want it: "Last, First" when written so, else the
/// last word is the last name and the rest the first ("Jesús Núñez" → Núñez, Jesús). A single
/// word is a last name.
public struct PersonName: Hashable, Sendable {
    public let first: String?
    public let last: String

    public init(_ full: String) {
        let trimmed = full.trimmingCharacters(in: .whitespacesAndNewlines)
        if let comma = trimmed.firstIndex(of: ",") {
            last = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            let rest = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            first = rest.isEmpty ? nil : rest
        } else if let space = trimmed.lastIndex(where: \.isWhitespace) {
            last = String(trimmed[trimmed.index(after: space)...])
            first = trimmed[..<space].trimmingCharacters(in: .whitespaces)
        } else {
            last = trimmed
            first = nil
        }
    }
}
