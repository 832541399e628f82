import ECMDomain
import Testing

/// One matcher for every picker and completion: prefix of the name, then of a word, then anywhere.
struct NameMatchTests {
    static let names = ["Anahit Petrosyan", "Rosa Villanueva", "Ambrose Núñez", "María Rosales-Ortiz", "Tuan Pham"]

    @Test func aWordThatStartsWithTheTextBeatsOneThatContainsIt() {
        #expect(NameMatch.ranked(Self.names, query: "ros", name: { $0 }) == [
            "Rosa Villanueva", "María Rosales-Ortiz", "Anahit Petrosyan", "Ambrose Núñez",
        ])
    }

    @Test(arguments: [
        ("rosa villanueva", "Rosa Villanueva", NameMatch.Rank.exact),
        ("Rosa V", "Rosa Villanueva", .prefix),
        ("vill", "Rosa Villanueva", .wordPrefix),
        ("villa rosa", "Rosa Villanueva", .wordPrefix),
        ("ortiz", "María Rosales-Ortiz", .wordPrefix),
        ("maria", "María Rosales-Ortiz", .prefix),
        ("NUNEZ", "Ambrose Núñez", .wordPrefix),
        ("nue", "Rosa Villanueva", .contains),
        ("etro", "Anahit Petrosyan", .contains),
    ])
    func ranks(query: String, name: String, rank: NameMatch.Rank) {
        #expect(NameMatch.rank(query, name: name) == rank)
    }

    @Test func noMatchAndEmptyQuery() {
        #expect(NameMatch.rank("xyz", name: "Rosa Villanueva") == nil)
        #expect(NameMatch.rank("rosa zed", name: "Rosa Villanueva") == nil)
        #expect(NameMatch.ranked(Self.names, query: "  ", name: { $0 }) == Self.names)
    }

    /// Whatever is typed, every returned name matches it and the ranks never get better down the list.
    @Test func rankingIsOrderedAndComplete() {
        var generator = SystemRandomNumberGenerator()
        let letters = Array("aeinorsuvmptz ")
        for _ in 0..<500 {
            let query = String((0..<Int.random(in: 0...4, using: &generator)).map { _ in letters.randomElement(using: &generator)! })
            let ranked = NameMatch.ranked(Self.names, query: query, name: { $0 })
            let ranks = ranked.map { NameMatch.rank(query, name: $0)! }
            #expect(ranks == ranks.sorted(), "query \(query)")
            #expect(Set(ranked) == Set(Self.names.filter { NameMatch.rank(query, name: $0) != nil }), "query \(query)")
        }
    }
}
