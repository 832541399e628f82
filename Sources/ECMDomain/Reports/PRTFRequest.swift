/// What an administrator asks a PRTF report for (the vendor's request shape: `start_date`,
/// `end_date`, `provider_npi`, `provider_name`, `provider_phone` at the top level), read with
/// every Rails-style message at once.
public struct PRTFRequest: Hashable, Sendable {
    public var startDate: CivilDate
    public var endDate: CivilDate
    /// Ten digits. ecm keeps no provider per member, so it labels the report (its columns and
    /// file name) rather than choosing members.
    public var providerNPI: String?
    public var providerName: String?
    /// Ten digits, as a member's phone is kept.
    public var providerPhone: String?

    /// The longest period one report covers.
    public static let maximumDays: Int64 = 366

    public init(startDate: CivilDate, endDate: CivilDate, providerNPI: String? = nil, providerName: String? = nil, providerPhone: String? = nil) {
        self.startDate = startDate
        self.endDate = endDate
        self.providerNPI = providerNPI
        self.providerName = providerName
        self.providerPhone = providerPhone
    }

    /// Reads a request body's object (or the CLI's options, written as one).
    public init(json: [String: JSONValue]) throws(BackendError) {
        var messages: [String] = []
        func text(_ key: String, _ name: String) -> String? {
            switch json[key] {
            case nil, .null?: return nil
            case .string(let value)?:
                if value.containsNullCharacter {
                    messages.append(ValidationMessage.nullCharacter(named: name))
                    return nil
                }
                let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            default:
                messages.append("\(name) is invalid")
                return nil
            }
        }
        func date(_ key: String, _ name: String) -> CivilDate? {
            let invalidBefore = messages.count
            guard let value = text(key, name) else {
                if messages.count == invalidBefore { messages.append("\(name) can't be blank") }
                return nil
            }
            guard let date = CivilDate(iso8601: value) else {
                messages.append("\(name) is invalid")
                return nil
            }
            return date
        }
        let start = date("start_date", "Start date")
        let end = date("end_date", "End date")
        if let start, let end {
            if end < start {
                messages.append("End date must be on or after start date")
            } else if end.daysSinceEpoch - start.daysSinceEpoch + 1 > Self.maximumDays {
                messages.append("End date must be within \(Self.maximumDays) days of start date")
            }
        }
        let npi = text("provider_npi", "Provider NPI")
        if let npi, npi.count != 10 || !npi.allSatisfy { $0.isASCII && $0.isNumber } { messages.append("Provider NPI is invalid") }
        let name = text("provider_name", "Provider name")
        if let name, name.count > 200 { messages.append("Provider name is too long (maximum is 200 characters)") }
        var phone: String?
        if let typed = text("provider_phone", "Provider phone") {
            if case .success(.text(let digits)?) = MemberField.phone.read(text: typed) { phone = digits } else { messages.append("Provider phone is invalid") }
        }
        guard messages.isEmpty, let start, let end else { throw .validation(messages) }
        self.init(startDate: start, endDate: end, providerNPI: npi, providerName: name, providerPhone: phone)
    }

    /// The request as its JSON body.
    public var json: [String: JSONValue] {
        var object: [String: JSONValue] = ["start_date": .string(startDate.iso8601), "end_date": .string(endDate.iso8601)]
        if let providerNPI { object["provider_npi"] = .string(providerNPI) }
        if let providerName { object["provider_name"] = .string(providerName) }
        if let providerPhone { object["provider_phone"] = .string(providerPhone) }
        return object
    }

    /// `PRTF_<NPI>_<MMYYYY>_<MMDDYYYY>.csv`: the NPI (`ALL` without one), the period's first
    /// month, and the day it was made.
    public func filename(madeOn day: CivilDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "PRTF_\(providerNPI ?? "ALL")_\(two(startDate.month))\(startDate.year)_\(two(day.month))\(two(day.day))\(day.year).csv"
    }
}
