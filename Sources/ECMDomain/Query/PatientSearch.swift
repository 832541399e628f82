/// What a coordinator's patient search means, for every store: each word must be found in the
/// name (any order, accents and case ignored: "nunez jesus" finds "Jesús Núñez"); a number is a
/// patient id, the start of a date of birth ("1950") or, from four digits, the end of a phone
/// number ("0134"); a date is a date of birth, typed as `1950-03-14` (or its start, `1950-03`)
/// or as `3/14/1950`; a Medi-Cal CIN (`91234567A`, any case) is that CIN, and its end with the
/// letter (`567a`, four characters or more) the CINs ending so; a phone written with its
/// punctuation (`555-0134`, `(415) 555-0134`, one word however many parts) the phones ending in
/// its digits.
public struct PatientSearch: Hashable, Sendable {
    /// One condition; a patient matches when it meets all of them.
    public enum Term: Hashable, Sendable {
        /// Folded text found anywhere in the folded name.
        case nameContains(String)
        /// This patient id, or a date of birth starting with these digits, or (`phoneEnding`
        /// set: four digits or more) a phone ending in them.
        case number(Int64, digits: String, phoneEnding: String?)
        /// A date of birth starting with this ISO text (`1950-03-14`, `1950-03`).
        case birthDatePrefix(String)
        /// This CIN, upper case (`91234567A`).
        case cin(String)
        /// A CIN ending in this text, upper case (`567A`).
        case cinEnding(String)
        /// A phone whose (stored, ten) digits end in these.
        case phoneEnding(String)
    }

    /// The terms, names first, then numbers, dates, CINs and phones: one statement shape per
    /// count of each.
    public let terms: [Term]
    private let hasNullCharacter: Bool

    /// More words than this answer 422: no name needs them, and each is a condition to check.
    public static let maximumTerms = 8

    /// The fewest characters of a CIN's or a phone's end that are searched for as one.
    public static let minimumEndingLength = 4

    public init(_ text: String) {
        hasNullCharacter = text.containsNullCharacter
        let words = text.split { $0.isWhitespace || $0 == "," }.map(String.init)
        terms = Self.joiningPhoneParts(words).map(Self.term).sorted { $0.order < $1.order }
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
        if word.allSatisfy(\.isASCIIDigit) {
            let ending = phoneDigits(word).flatMap { $0.count >= minimumEndingLength ? $0 : nil }
            if let id = Int64(word) { return .number(id, digits: word, phoneEnding: ending) }
            return .phoneEnding(ending ?? word)
        }
        if let date = CivilDate(usDate: word) { return .birthDatePrefix(date.iso8601) }
        if let prefix = isoDatePrefix(word) { return .birthDatePrefix(prefix) }
        if let cin = cinText(word) { return cin.count == 9 ? .cin(cin) : .cinEnding(cin) }
        if let digits = phoneDigits(word), digits.count >= minimumEndingLength { return .phoneEnding(digits) }
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

    /// A CIN (8 digits and a letter) or its end (3 to 7 digits and the letter), upper case.
    private static func cinText(_ word: String) -> String? {
        guard let letter = word.last, letter.isASCII, letter.isLetter, (minimumEndingLength...9).contains(word.count),
            word.dropLast().allSatisfy(\.isASCIIDigit)
        else { return nil }
        return word.uppercased()
    }

    /// The digits of a phone written with punctuation (`555-0134`, `(415)555-0134`,
    /// `+1-415-555-0134`), without a US country code; nil for a word that is not one.
    private static func phoneDigits(_ word: String) -> String? {
        guard word.allSatisfy({ $0.isASCIIDigit || phonePunctuation.contains($0) }), word.contains(where: \.isASCIIDigit)
        else { return nil }
        var digits = word.filter(\.isASCIIDigit)
        if digits.count == 11, digits.hasPrefix("1") { digits.removeFirst() }
        return digits
    }

    private static let phonePunctuation: Set<Character> = ["(", ")", "-", ".", "+"]

    /// A phone typed in parts (`(415) 555-0134`, `+1 415 555 0134`, `415 555 0134`) is one
    /// word: consecutive parts join when together they are a whole phone number, written with
    /// punctuation or grouped as one is (3, 3, 4 digits, after a country code `1`).
    static func joiningPhoneParts(_ words: [String]) -> [String] {
        var joined: [String] = []
        var index = 0
        while index < words.count {
            let longest = min(words.count, index + 4)
            let run = stride(from: longest, through: index + 2, by: -1).first { end in isWholePhone(words[index..<end]) }
            if let end = run {
                // Joined by dashes: a word read as the phone it is (`415-555-0134`), not a number.
                joined.append(words[index..<end].joined(separator: "-"))
                index = end
            } else {
                joined.append(words[index])
                index += 1
            }
        }
        return joined
    }

    private static func isWholePhone(_ parts: ArraySlice<String>) -> Bool {
        guard parts.allSatisfy({ phoneDigits($0) != nil }) else { return false }
        // Eleven digits only after a country code of its own: `1950 555-0134` is a year and a phone.
        let digits = parts.joined().filter(\.isASCIIDigit)
        guard digits.count == 10 || (digits.count == 11 && ["1", "+1"].contains(parts.first)) else { return false }
        let punctuated = parts.contains { $0.contains(where: phonePunctuation.contains) }
        let groups = parts.map(\.count)
        return punctuated || groups == [3, 3, 4] || groups == [1, 3, 3, 4]
    }
}

extension PatientSearch.Term {
    fileprivate var order: Int {
        switch self {
        case .nameContains: 0
        case .number: 1
        case .birthDatePrefix: 2
        case .cin: 3
        case .cinEnding: 4
        case .phoneEnding: 5
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
