import ECMDomain
import Testing

/// A member file's header mapped to the patient's columns, its rows read as the command line's
/// options are, and the checks of a batch that need no store.
struct MemberFileTests {
    static let today = CivilDate(year: 2026, month: 12, day: 6)!

    static func file(_ text: String) throws(BackendError) -> MemberFile {
        try MemberFile(Array(text.utf8), clinicID: 1, today: today)
    }

    @Test func headersMatchKeysAndNamesWhateverTheirCaseSpacesAndUnderscores() {
        #expect(PatientColumn(header: "ECM Status") == .member(.ecmStatus))
        #expect(PatientColumn(header: "ecm_status") == .member(.ecmStatus))
        #expect(PatientColumn(header: " Health plan ID ") == .member(.healthPlanID))
        #expect(PatientColumn(header: "LEAD_CARE_MANAGER_ID") == .member(.leadCareManagerID))
        #expect(PatientColumn(header: "Lead care manager") == .member(.leadCareManagerID))
        #expect(PatientColumn(header: "DOB") == .dateOfBirth)
        #expect(PatientColumn(header: "Date of Birth") == .dateOfBirth)
        #expect(PatientColumn(header: "First Name") == .firstName)
        #expect(PatientColumn(header: "id") == nil)
        #expect(PatientColumn(header: "") == nil)
        for column in PatientColumn.allCases {
            #expect(PatientColumn(header: column.key) == column)
            #expect(PatientColumn(header: column.humanName.uppercased()) == column)
        }
    }

    @Test func aFullRowIsReadAsTheCommandLineReadsItsOptions() throws {
        let file = try Self.file("""
            First Name,Last Name,DOB,CIN,Phone,Homeless,ECM Status,Enrollment Start,address_state
            José,Núñez,03-14-1950,91234567a,(916) 555-0147,N,Enrolled,01/05/2026,ca

            """)
        let write = try #require(file.writes.first)
        #expect(file.writes.count == 1 && write.messages.isEmpty && write.label == "row 2")
        #expect(write.change.name == "José Núñez")
        #expect(write.change.dateOfBirth == .some(CivilDate(year: 1950, month: 3, day: 14)))
        let record = write.change.member.applied(to: MemberRecord())
        #expect(record.cin == "91234567A" && record.phone == "9165550147" && record.homeless == false)
        #expect(record.ecmStatus == .enrolled && record.enrollmentStart == CivilDate(year: 2026, month: 1, day: 5) && record.addressState == "CA")
    }

    @Test func aHeaderThatCannotBeUsedIsRefusedWithEveryReason() {
        #expect(throws: BackendError.validation([
            "row 1: unknown columns \"id\", \"Favourite colour\" (the columns are "
                + PatientColumn.allCases.map(\.key).joined(separator: ", ") + ")",
            "row 1: the column cin is named twice",
        ])) { try Self.file("id,name,CIN,Favourite colour,cin\n") }
        #expect(throws: BackendError.validation(["row 1: give the name whole (name) or in parts (first_name, last_name), not both"])) {
            try Self.file("name,last_name\n")
        }
        #expect(throws: BackendError.validation(["row 1: a column must give the name (name, or first_name and last_name)"])) {
            try Self.file("cin,phone\n")
        }
        #expect(throws: BackendError.validation(["The file is empty: it needs a header row naming its columns"])) { try Self.file("") }
        #expect(throws: BackendError.validation(["row 3: a quoted field is not closed"])) { try Self.file("name\nA\n\"B\n") }
    }

    @Test func eachRowCarriesItsNumberAndEveryMessageBlankRowsAreSkipped() throws {
        let file = try Self.file("""
            name,dob,cin,acuity\r
            Ana Pérez,1961-07-04,91234567A,low\r
            ,,,\r
            Bo Li,1961-02-30,1234,extreme\r
            Cy Doe,1970-01-01\r
            """)
        #expect(file.writes.map(\.label) == ["row 2", "row 4", "row 5"])
        #expect(file.writes.map(\.messages) == [
            [], ["Date of birth is invalid", "CIN is invalid", "Acuity is not included in the list"], ["has 2 fields where the header has 4"],
        ])
    }

    @Test func aBatchReportsEveryRowsMessagesAndACINGivenTwiceNamingTheFirstRow() throws {
        let file = try Self.file("""
            name,cin,ecm_status,enrollment_start
            Ana Pérez,91234567A,outreach,
            Bo Li,91234567a,enrolled,
            Cy Doe,,bogus,
            Di Roe,99999999Z,,
            """)
        var batch = PatientBatch(file.writes)
        for index in file.writes.indices { _ = batch.plan(index, existing: nil, clinicID: 1) }
        #expect(batch.failure == .validation([
            "row 3: Enrollment start can't be blank", "row 3: CIN has already been taken (row 2 has it)",
            "row 4: ECM status is not included in the list",
        ]))
        #expect(batch.planned.map(\.index) == [0, 3])
        batch.add(["CIN has already been taken"], to: 1)
        #expect(batch.failure?.messages.filter { $0.hasPrefix("row 3: CIN") } == ["row 3: CIN has already been taken (row 2 has it)"])
        batch.add(["CIN has already been taken"], to: 3)
        #expect(batch.planned.map(\.index) == [0])
        #expect(batch.failure?.messages.last == "row 5: CIN has already been taken")
    }

    @Test func anUpdateKeepsWhatItDoesNotNameAndANameCannotBeCleared() {
        var existing = Patient(id: 4, name: "Ana Pérez", dateOfBirth: CivilDate(year: 1961, month: 7, day: 4)!)
        existing.member.phone = "9165550147"
        existing.member.cin = "91234567A"
        let (change, messages) = PatientChange.reading([.member(.phone): "", .member(.acuity): "High"], today: Self.today)
        #expect(messages.isEmpty)
        var batch = PatientBatch([PatientWrite(.update(id: 4), change)])
        let member = batch.plan(0, existing: existing, clinicID: 1)
        #expect(member.phone == nil && member.cin == "91234567A" && member.acuity == .high)
        #expect(batch.planned.first?.name == "Ana Pérez" && batch.planned.first?.dateOfBirth == existing.dateOfBirth)
        #expect(PatientChange.reading([.name: " "], today: Self.today).messages == ["Name can't be blank"])
    }
}
