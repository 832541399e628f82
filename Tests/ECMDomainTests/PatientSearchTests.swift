import ECMDomain
import Testing

/// What each word of a patient search becomes; the stores' agreement on what the terms find is
/// the conformance suite's.
struct PatientSearchTests {
    private func terms(_ text: String) -> [PatientSearch.Term] { PatientSearch(text).terms }

    @Test func namesNumbersAndDatesKeepTheirMeaning() {
        #expect(terms("Núñez") == [.nameContains("nunez")])
        #expect(terms("1950") == [.number(1950, digits: "1950", phoneEnding: "1950")])
        #expect(terms("42") == [.number(42, digits: "42", phoneEnding: nil)])
        #expect(terms("1950-03") == [.birthDatePrefix("1950-03")])
        #expect(terms("1950-3-14") == [.birthDatePrefix("1950-03-14")])
        #expect(terms("3/14/1950") == [.birthDatePrefix("1950-03-14")])
    }

    @Test func aWholeCINInAnyCaseIsThatCIN() {
        #expect(terms("91234567a") == [.cin("91234567A")])
        #expect(terms("91234567A") == [.cin("91234567A")])
    }

    @Test func aCINsEndWithItsLetterFromFourCharacters() {
        #expect(terms("567a") == [.cinEnding("567A")])
        #expect(terms("1234567B") == [.cinEnding("1234567B")])
        // Shorter, or without the letter last, it is a name word.
        #expect(terms("67a") == [.nameContains("67a")])
        #expect(terms("a567") == [.nameContains("a567")])
        #expect(terms("912345678A") == [.nameContains("912345678a")])
    }

    @Test func aPhoneWrittenWithPunctuationIsTheEndOfItsDigits() {
        #expect(terms("555-0134") == [.phoneEnding("5550134")])
        #expect(terms("555.0134") == [.phoneEnding("5550134")])
        #expect(terms("(415)555-0134") == [.phoneEnding("4155550134")])
        #expect(terms("+1-415-555-0134") == [.phoneEnding("4155550134")])
        #expect(terms("5-01") == [.nameContains("5-01")])
    }

    @Test func aPhoneInPartsIsOneWord() {
        #expect(terms("(415) 555-0134") == [.phoneEnding("4155550134")])
        #expect(terms("+1 (415) 555-0134") == [.phoneEnding("4155550134")])
        #expect(terms("415 555 0134") == [.phoneEnding("4155550134")])
        #expect(terms("1 415 555 0134") == [.phoneEnding("4155550134")])
        #expect(terms("aram (415) 555-0134") == [.nameContains("aram"), .phoneEnding("4155550134")])
        // A year before a phone stays a year; numbers not grouped as a phone stay numbers.
        #expect(terms("1950 555-0134") == [.number(1950, digits: "1950", phoneEnding: "1950"), .phoneEnding("5550134")])
        #expect(terms("41 5555 0134") == [
            .number(41, digits: "41", phoneEnding: nil), .number(5555, digits: "5555", phoneEnding: "5555"),
            .number(134, digits: "0134", phoneEnding: "0134"),
        ])
    }

    @Test func aBareNumberIsAlsoAPhoneEndingFromFourDigits() {
        #expect(terms("0134") == [.number(134, digits: "0134", phoneEnding: "0134")])
        #expect(terms("14155550134") == [.number(14_155_550_134, digits: "14155550134", phoneEnding: "4155550134")])
        #expect(terms("123") == [.number(123, digits: "123", phoneEnding: nil)])
        #expect(terms("99999999999999999999") == [.phoneEnding("99999999999999999999")])
    }

    @Test func termsAreOrderedByKindAndAtMostEightWords() {
        #expect(terms("555-0134 567a 1950 aram") == [
            .nameContains("aram"), .number(1950, digits: "1950", phoneEnding: "1950"), .cinEnding("567A"), .phoneEnding("5550134"),
        ])
        #expect(PatientSearch("a b c d e f g (415) 555-0134").validationMessages.isEmpty)
        #expect(PatientSearch("a b c d e f g h 555-0134").validationMessages == ["Search has too many words (maximum is 8)"])
    }
}
