/// The fields of a member's record, one descriptor each: its JSON key and column (`rawValue`),
/// the name messages use, its kind, how a value is read, checked and written. Every loop over
/// the member record (requests, stores, the CLI's options, imports, the report) reads this
/// table; a new field is a case here and a column.
public enum MemberField: String, CaseIterable, Sendable {
    case cin
    case phone
    case preferredLanguage = "preferred_language"
    case addressStreet = "address_street"
    case addressCity = "address_city"
    case addressState = "address_state"
    case addressZIP = "address_zip"
    case homeless
    case healthPlanName = "health_plan_name"
    case healthPlanID = "health_plan_id"
    case populationOfFocus = "population_of_focus"
    case ecmStatus = "ecm_status"
    case enrollmentStart = "enrollment_start"
    case enrollmentEnd = "enrollment_end"
    case discontinuationReason = "discontinuation_reason"
    case acuity
    case leadCareManagerID = "lead_care_manager_id"

    public enum Kind: Sendable, Equatable {
        case text(maximumLength: Int)
        case date
        case bool
        /// One of these words.
        case word([String])
        /// A user's id.
        case user
    }

    /// A stored or requested value of any field's kind.
    public enum Value: Sendable, Hashable {
        case text(String)
        case date(CivilDate)
        case bool(Bool)
        case integer(Int64)
    }

    /// The attribute's name as a Rails-style message begins with it.
    public var humanName: String {
        switch self {
        case .cin: "CIN"
        case .phone: "Phone"
        case .preferredLanguage: "Preferred language"
        case .addressStreet: "Address street"
        case .addressCity: "Address city"
        case .addressState: "Address state"
        case .addressZIP: "Address ZIP"
        case .homeless: "Homeless"
        case .healthPlanName: "Health plan name"
        case .healthPlanID: "Health plan id"
        case .populationOfFocus: "Population of focus"
        case .ecmStatus: "ECM status"
        case .enrollmentStart: "Enrollment start"
        case .enrollmentEnd: "Enrollment end"
        case .discontinuationReason: "Discontinuation reason"
        case .acuity: "Acuity"
        case .leadCareManagerID: "Lead care manager"
        }
    }

    public var kind: Kind {
        switch self {
        // Their format says what is wrong before their length does.
        case .cin, .addressState, .phone, .addressZIP: .text(maximumLength: 50)
        case .preferredLanguage: .text(maximumLength: 50)
        case .addressStreet, .addressCity: .text(maximumLength: 200)
        case .healthPlanName, .healthPlanID, .populationOfFocus: .text(maximumLength: 100)
        case .discontinuationReason: .text(maximumLength: 500)
        case .homeless: .bool
        case .enrollmentStart, .enrollmentEnd: .date
        case .ecmStatus: .word(ECMStatus.allCases.map(\.rawValue))
        case .acuity: .word(Acuity.allCases.map(\.rawValue))
        case .leadCareManagerID: .user
        }
    }

    /// How its text is written, for help texts; nil when any text goes.
    public var format: String? {
        switch self {
        case .cin: "8 digits and a letter"
        case .phone: "10 digits, punctuation aside"
        case .addressState: "2 letters"
        case .addressZIP: "95814 or 95814-1234"
        default: nil
        }
    }

    /// The store's column: the field's own name.
    public var column: String { rawValue }

    /// The field's value in a record.
    public func value(in record: MemberRecord) -> Value? {
        switch self {
        case .cin: record.cin.map(Value.text)
        case .phone: record.phone.map(Value.text)
        case .preferredLanguage: record.preferredLanguage.map(Value.text)
        case .addressStreet: record.addressStreet.map(Value.text)
        case .addressCity: record.addressCity.map(Value.text)
        case .addressState: record.addressState.map(Value.text)
        case .addressZIP: record.addressZIP.map(Value.text)
        case .homeless: record.homeless.map(Value.bool)
        case .healthPlanName: record.healthPlanName.map(Value.text)
        case .healthPlanID: record.healthPlanID.map(Value.text)
        case .populationOfFocus: record.populationOfFocus.map(Value.text)
        case .ecmStatus: record.ecmStatus.map { .text($0.rawValue) }
        case .enrollmentStart: record.enrollmentStart.map(Value.date)
        case .enrollmentEnd: record.enrollmentEnd.map(Value.date)
        case .discontinuationReason: record.discontinuationReason.map(Value.text)
        case .acuity: record.acuity.map { .text($0.rawValue) }
        case .leadCareManagerID: record.leadCareManagerID.map(Value.integer)
        }
    }

    /// Sets (nil: clears) the field in a record; a value of another kind clears it.
    public func set(_ value: Value?, in record: inout MemberRecord) {
        func text() -> String? { if case .text(let text)? = value { text } else { nil } }
        switch self {
        case .cin: record.cin = text()
        case .phone: record.phone = text()
        case .preferredLanguage: record.preferredLanguage = text()
        case .addressStreet: record.addressStreet = text()
        case .addressCity: record.addressCity = text()
        case .addressState: record.addressState = text()
        case .addressZIP: record.addressZIP = text()
        case .homeless: record.homeless = if case .bool(let flag)? = value { flag } else { nil }
        case .healthPlanName: record.healthPlanName = text()
        case .healthPlanID: record.healthPlanID = text()
        case .populationOfFocus: record.populationOfFocus = text()
        case .ecmStatus: record.ecmStatus = text().flatMap(ECMStatus.init(rawValue:))
        case .enrollmentStart: record.enrollmentStart = if case .date(let date)? = value { date } else { nil }
        case .enrollmentEnd: record.enrollmentEnd = if case .date(let date)? = value { date } else { nil }
        case .discontinuationReason: record.discontinuationReason = text()
        case .acuity: record.acuity = text().flatMap(Acuity.init(rawValue:))
        case .leadCareManagerID: record.leadCareManagerID = if case .integer(let id)? = value { id } else { nil }
        }
    }

    /// A value from a request, checked: nil (null or a blank string) clears the field. The
    /// message is Rails-style, beginning with `humanName`.
    public func read(_ json: JSONValue) -> Result<Value?, MemberFieldProblem> {
        switch (kind, json) {
        case (_, .null): return .success(nil)
        case (.text, .string(let text)), (.word, .string(let text)), (.date, .string(let text)):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { return .success(nil) }
            return read(text: trimmed)
        case (.bool, .bool(let flag)): return .success(.bool(flag))
        case (.user, .integer(let id)): return .success(.integer(id))
        case (.bool, _): return .failure(MemberFieldProblem(self, "must be true or false"))
        case (.user, _): return .failure(MemberFieldProblem(self, "must exist"))
        case (.word, _): return .failure(MemberFieldProblem(self, "is not included in the list"))
        default: return .failure(MemberFieldProblem(self, "is invalid"))
        }
    }

    /// A value from text (a request's string, a CSV cell), normalised and checked.
    public func read(text: String) -> Result<Value?, MemberFieldProblem> {
        let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return .success(nil) }
        if text.containsNullCharacter { return .failure(MemberFieldProblem(self, "is invalid")) }
        switch kind {
        case .text(let maximum):
            if text.count > maximum { return .failure(MemberFieldProblem(self, "is too long (maximum is \(maximum) characters)")) }
            guard let normal = normalised(text) else { return .failure(MemberFieldProblem(self, "is invalid")) }
            return .success(.text(normal))
        case .date:
            guard let date = CivilDate(iso8601: text) ?? CivilDate(americanDate: text) else {
                return .failure(MemberFieldProblem(self, "is invalid"))
            }
            return .success(.date(date))
        case .bool:
            switch text.lowercased() {
            case "true", "yes", "y", "1": return .success(.bool(true))
            case "false", "no", "n", "0": return .success(.bool(false))
            default: return .failure(MemberFieldProblem(self, "must be true or false"))
            }
        case .word(let words):
            let word = text.lowercased()
            return words.contains(word) ? .success(.text(word)) : .failure(MemberFieldProblem(self, "is not included in the list"))
        case .user:
            guard let id = Int64(text) else { return .failure(MemberFieldProblem(self, "must exist")) }
            return .success(.integer(id))
        }
    }

    /// The field's own rule for text, and its normal form; nil when the text breaks it.
    private func normalised(_ text: String) -> String? {
        switch self {
        case .cin:
            let upper = text.uppercased()
            let characters = Array(upper.utf8)
            guard characters.count == 9, characters.prefix(8).allSatisfy({ (0x30...0x39).contains($0) }),
                (0x41...0x5A).contains(characters[8])
            else { return nil }
            return upper
        case .phone:
            // Ten digits once punctuation and a leading US country code are set aside.
            var digits = text.filter(\.isASCII).filter(\.isNumber)
            guard text.allSatisfy({ $0.isNumber || " ()-.+".contains($0) }) else { return nil }
            if digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
            return digits.count == 10 ? digits : nil
        case .addressState:
            let upper = text.uppercased()
            return upper.count == 2 && upper.allSatisfy({ $0.isASCII && $0.isLetter }) ? upper : nil
        case .addressZIP:
            let parts = text.split(separator: "-", omittingEmptySubsequences: false)
            let digits = { (part: Substring, count: Int) in part.count == count && part.allSatisfy { $0.isASCII && $0.isNumber } }
            if parts.count == 1, digits(parts[0], 5) { return text }
            if parts.count == 2, digits(parts[0], 5), digits(parts[1], 4) { return text }
            return nil
        default:
            return text
        }
    }
}

/// What is wrong with one field's value: the field and the rest of its message.
public struct MemberFieldProblem: Error, Hashable, Sendable {
    public let field: MemberField
    public let problem: String
    public init(_ field: MemberField, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    /// `CIN is invalid`.
    public var message: String { "\(field.humanName) \(problem)" }
}

extension CivilDate {
    /// `MM-DD-YYYY` or `MM/DD/YYYY`, as plans' member files write dates.
    public init?(americanDate text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
            let month = Int(parts[0]), let day = Int(parts[1]), let year = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }
}
