import ECMDomain
import ECMTUI
import Testing

/// How a member's record is written on screen, and which columns a width holds.
struct MemberTextTests {
    static func aram(born: CivilDate?, cin: String?, status: ECMStatus? = .enrolled) -> MemberRecord {
        var member = MemberRecord()
        member.cin = cin
        member.phone = "4155550134"
        member.ecmStatus = status
        member.enrollmentStart = CivilDate(year: 2026, month: 1, day: 5)
        member.healthPlanName = "Health Net"
        member.preferredLanguage = "Armenian"
        member.leadCareManagerID = 3
        return member
    }

    @Test func statusLettersCINTailsAndPhones() {
        #expect([ECMStatus.outreach, .enrolled, .declined, .discontinued].map(MemberText.statusLetter) == ["O", "E", "D", "X"])
        #expect(MemberText.statusLetter(nil) == "·")
        #expect(MemberText.cinTail("91234567A") == "567A")
        #expect(MemberText.cinTail(nil) == "—")
        #expect(MemberText.phone("4155550134") == "(415) 555-0134")
        #expect(!MemberText.phone("555\u{1B}[2J").contains("\u{1B}"))
    }

    @Test func theStatusCarriesItsDates() {
        var member = Self.aram(born: nil, cin: nil)
        #expect(MemberText.status(member) == "enrolled since 2026-01-05")
        member.ecmStatus = .discontinued
        member.enrollmentEnd = CivilDate(year: 2026, month: 6, day: 30)
        #expect(MemberText.status(member) == "discontinued (2026-01-05–2026-06-30)")
        member.ecmStatus = .outreach
        #expect(MemberText.status(member) == "outreach")
        #expect(MemberText.summary(member, width: 80) == "outreach · Health Net · (415) 555-0134")
        member.healthPlanName = "Anthem Blue Cross Partnership Plan"
        #expect(MemberText.summary(member, width: 40) == "outreach · Anthem Blue… · (415) 555-0134")
        #expect(MemberText.summary(member, width: 25) == "outreach · (415) 555-0134")
        #expect(MemberText.summary(member, width: 20) == "outreach")
        #expect(MemberText.summary(member, width: 7) == "")
        member.ecmStatus = nil
        member.phone = nil
        #expect(MemberText.summary(member, width: 10) == "Anthem Bl…")
        #expect(MemberText.summary(member, width: 3) == "")
        #expect(MemberText.summary(MemberRecord(), width: 40).isEmpty)
    }

    @Test func theHeaderPacksWholePartsIntoAtMostThreeLines() {
        let patient = Patient(id: 17, name: "Aram Petrosyan", dateOfBirth: CivilDate(year: 1961, month: 4, day: 2), member: Self.aram(born: nil, cin: "91234567A"))
        let wide = MemberText.header(patient, leadName: "Jasmine Reyes", width: 200)
        #expect(wide == [
            "Aram Petrosyan (17) · born 1961-04-02 · CIN 91234567A · enrolled since 2026-01-05 · (415) 555-0134 · Health Net · Armenian · lead Jasmine Reyes"
        ])
        let narrow = MemberText.header(patient, leadName: "Jasmine Reyes", width: 40)
        // A part never splits and goes on the first line with room; what three lines cannot hold
        // (here the language and the lead) is left out.
        #expect(narrow == ["Aram Petrosyan (17) · born 1961-04-02", "CIN 91234567A · (415) 555-0134", "enrolled since 2026-01-05 · Health Net"])
        #expect(MemberText.header(patient, leadName: nil, width: 12) == ["Aram Petros…", "born 1961-0…", "CIN 9123456…"])
        let bare = MemberText.header(Patient(id: 2, name: "Ana Ruiz"), leadName: nil, width: 60)
        #expect(bare == ["Ana Ruiz (2) · born —"])
    }

    @Test func theColumnTableDropsTheLowestPriorityFirstAndKeepsTheNameWide() {
        enum Column: Hashable, Sendable { case name, a, b, c }
        func table(_ width: Int) -> ColumnTable<Column> {
            ColumnTable<Column>(width: width, flexible: .init(.name, "NAME", width: 10), fixed: [
                .init(.a, "A", width: 5, priority: 3), .init(.b, "B", width: 5, priority: 1), .init(.c, "C", width: 5, priority: 2),
            ])
        }
        #expect(table(28).placed.map(\.column.key) == [.name, .a, .b, .c])
        #expect(table(27).placed.map(\.column.key) == [.name, .a, .c])
        #expect(table(21).placed.map(\.column.key) == [.name, .a])
        #expect(table(15).placed.map(\.column.key) == [.name])
        #expect(table(6).placed.map(\.width) == [6])
        #expect(table(28).header == "NAME       A     B     C    ")
        for width in 0...80 {
            let t = table(width)
            #expect(DisplayWidth.of(t.header) == width)
            #expect(DisplayWidth.of(t.line { _ in "王秀英 Hovhannisyan" }) == width)
        }
    }
}
