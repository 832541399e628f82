/// What a coordinator's patient search means, for every store: each word must be found in the
/// name (any order, accents and case ignored: "nunez jesus" finds "Jesús Núñez"); a number is a
/// patient id or the start of a date of birth ("1950"); a date is a date of birth, typed as
/// `1950-03-14` (or its start, `1950-03`) or as `3/14/1950`.
public struct PatientSearch: Hashable, Sendable {
    /// One condition; a patient matches when it meets all of them.
    public enum Term: Hashable, Sendable {
        /// Folded text found anywhere in the folded name.
        case nameContains(String)
        /// This patient id, or a date of birth starting with these digits.
        case idOrBirthYear(Int64, digits: String)
        /// A date of birth starting with this ISO text (`1950-03-14`, `1950-03`).
        case birthDatePrefix(String)
    }

    /// The terms, names first, then numbers, then dates: one statement shape per count of each.
    public let terms: [Term]
    private let hasNullCharacter: Bool

    /// More words than this answer 422: no name needs them, and each is a condition to check.
    public static let maximumTerms = 8

    public init(_ text: String) {
        hasNullCharacter = text.containsNullCharacter
        terms = text.split { $0.isWhitespace || $0 == "," }.map { Self.term(String($0)) }.sorted { $0.order < $1.order }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// Rails-style messages for a search no store should run.
    public var validationMessages: [String] {
        if hasNullCharacter { return [Self.nullCharacterMessage] }
        return terms.count > Self.maximumTerms ? ["Search has too many words (maximum is \(Self.maximumTerms))"] : []
    }

    /// A search holding U+0000 is refused as stored text is (neither store can compare it).
    public static let nullCharacterMessage = ValidationMessage.nullCharacter(named: "Search")

    private static func term(_ word: String) -> Term {
        if word.allSatisfy(\.isASCIIDigit), let id = Int64(word) { return .idOrBirthYear(id, digits: word) }
        if let date = CivilDate(usDate: word) { return .birthDatePrefix(date.iso8601) }
        if let prefix = isoDatePrefix(word) { return .birthDatePrefix(prefix) }
        return .nameContains(SearchKey.fold(word))
    }

    /// `1950-03-14` or `1950-03` (a month may be one digit), as ISO text.
    private static func isoDatePrefix(_ word: String) -> String? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count == 4,
            parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) })
        else { return nil }
        if parts.count == 3 { return CivilDate(iso8601: word)?.iso8601 ?? CivilDate(usParts: parts[1], parts[2], parts[0])?.iso8601 }
        guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        return "\(parts[0])-\(month < 10 ? "0" : "")\(month)"
    }
}

extension PatientSearch.Term {
    fileprivate var order: Int {
        switch self {
        case .nameContains: 0
        case .idOrBirthYear: 1
        case .birthDatePrefix: 2
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

extension CivilDate {
    /// `3/14/1950` or `03/14/1950`: month, day, year, as dates are written in California.
    fileprivate init?(usDate text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        self.init(usParts: parts[0], parts[1], parts[2])
    }

    fileprivate init?(usParts month: Substring, _ day: Substring, _ year: Substring) {
        guard year.count == 4, let y = Int(year), let m = Int(month), let d = Int(day), month.count <= 2, day.count <= 2 else { return nil }
        self.init(year: y, month: m, day: d)
    }
}
