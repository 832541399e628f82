/// A patient's fields as text names them: the command line's options and a member file's
/// columns. The name (whole, or first and last as member files split it), the date of birth,
/// and each field of the member record, from `MemberField`'s table.
public enum PatientColumn: Hashable, Sendable {
    case name, firstName, lastName, dateOfBirth
    case member(MemberField)

    public static let allCases: [PatientColumn] = [.name, .firstName, .lastName, .dateOfBirth] + MemberField.allCases.map(Self.member)

    /// The API's key (`date_of_birth`, `cin`, `ecm_status`…).
    public var key: String {
        switch self {
        case .name: "name"
        case .firstName: "first_name"
        case .lastName: "last_name"
        case .dateOfBirth: "date_of_birth"
        case .member(let field): field.rawValue
        }
    }

    /// How messages name it (`Date of birth`, `ECM status`).
    public var humanName: String {
        switch self {
        case .name: "Name"
        case .firstName: "First name"
        case .lastName: "Last name"
        case .dateOfBirth: "Date of birth"
        case .member(let field): field.humanName
        }
    }

    /// The column a member file's header names: its key or its human name, case, spaces,
    /// underscores and hyphens aside (`ECM Status`, `ecm_status`, `Health plan id`), or `DOB`.
    public init?(header: String) {
        let wanted = Self.folded(header)
        guard !wanted.isEmpty, let column = Self.allCases.first(where: { $0.headerNames.contains(wanted) }) else { return nil }
        self = column
    }

    private var headerNames: [String] {
        [Self.folded(key), Self.folded(humanName)] + (self == .dateOfBirth ? ["dob"] : [])
    }

    private static func folded(_ text: String) -> String {
        String(text.lowercased().filter { !($0.isWhitespace || $0 == "_" || $0 == "-") })
    }
}

extension PatientChange {
    /// A change from text by column (a command's options, a member file's row), each value read
    /// as its field reads text: an empty value clears it (a name cannot be cleared). Dates of
    /// birth may be written `MM-DD-YYYY` as member files do. Returns what read well and every
    /// message, in the columns' order; first and last name make the name.
    public static func reading(_ text: [PatientColumn: String], today: CivilDate) -> (change: PatientChange, messages: [String]) {
        var change = PatientChange()
        var messages: [String] = []
        let parts = [text[.firstName], text[.lastName]].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
        if let name = text[.name] ?? (parts.isEmpty ? nil : parts.filter { !$0.isEmpty }.joined(separator: " ")) {
            do { change.name = try SetupRules.name(name) } catch { messages += error.messages }
        }
        if let typed = text[.dateOfBirth] {
            let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
            let iso = CivilDate(americanDate: trimmed)?.iso8601 ?? trimmed
            do { change.dateOfBirth = .some(try SetupRules.dateOfBirth(iso, today: today)) } catch { messages += error.messages }
        }
        for field in MemberField.allCases {
            guard let typed = text[.member(field)] else { continue }
            switch field.read(text: typed) {
            case .success(let value): change.member.values[field] = .some(value)
            case .failure(let problem): messages.append(problem.message)
            }
        }
        return (change, messages)
    }
}
