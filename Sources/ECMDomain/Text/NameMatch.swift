/// The one way ecm matches what a person typed against names (users in pickers and
/// completions): case and accents ignored; a name that starts with the text comes first, then a
/// name with a word starting with it (every typed word must start one of its words), then a name
/// that merely contains it.
public enum NameMatch {
    /// How well a name matches, best first.
    public enum Rank: Int, Comparable, Sendable {
        case exact, prefix, wordPrefix, contains

        public static func < (lhs: Rank, rhs: Rank) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// How `name` matches `query`, or nil when it does not. An empty query matches every name.
    public static func rank(_ query: String, name: String) -> Rank? {
        let typed = words(SearchKey.fold(query))
        guard !typed.isEmpty else { return .prefix }
        let key = typed.joined(separator: " ")
        let folded = SearchKey.fold(name)
        let nameWords = words(folded)
        let whole = nameWords.joined(separator: " ")
        if whole == key { return .exact }
        if whole.hasPrefix(key) { return .prefix }
        if typed.allSatisfy({ word in nameWords.contains { $0.hasPrefix(word) } }) { return .wordPrefix }
        if folded.contains(key) || typed.allSatisfy({ folded.contains($0) }) { return .contains }
        return nil
    }

    /// The items whose name matches, best first; equally good ones keep their order.
    public static func ranked<Item>(_ items: [Item], query: String, name: (Item) -> String) -> [Item] {
        items.enumerated()
            .compactMap { offset, item in rank(query, name: name(item)).map { (rank: $0, offset: offset, item: item) } }
            .sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }
            .map(\.item)
    }

    /// A name's words: split at spaces, hyphens and other punctuation.
    private static func words(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }
}
