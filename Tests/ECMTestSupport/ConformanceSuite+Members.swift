import ECMDomain
import Testing

extension ConformanceSuite {
    /// The member record (extension `POST/PUT /v1/clinic/ecm/patients`): kept, shown on the
    /// patient and in lists, changed field by field, and checked against the clinic.
    static let members: [ConformanceCase] = [
        ConformanceCase("a member is added with their record, shown in lists, changed field by field and cleared") { harness in
            let world = try await World.make(harness)
            var record = MemberRecord()
            record.cin = "91234567A"
            record.phone = "9165550147"
            record.addressCity = "Sacramento"
            record.addressState = "CA"
            record.homeless = true
            record.ecmStatus = .enrolled
            record.enrollmentStart = CivilDate(year: 2026, month: 1, day: 5)
            record.acuity = .high
            record.leadCareManagerID = world.colleague.id
            let change = PatientChange(
                name: "Aram Petrosyan", dateOfBirth: .some(CivilDate(year: 1961, month: 4, day: 2)),
                member: MemberChange(Dictionary(uniqueKeysWithValues: MemberField.allCases.compactMap { field in
                    field.value(in: record).map { (field, .some($0)) }
                })))
            let created = try await world.backend.createPatient(change)
            #expect(created.name == "Aram Petrosyan" && created.dateOfBirth == CivilDate(year: 1961, month: 4, day: 2))
            #expect(created.member == record)
            #expect(try await world.backend.patient(id: created.id).member == record)
            let listed = try await world.backend.patients(PatientQuery(search: "petrosyan"))
            #expect(listed.items.first { $0.id == created.id }?.member == record)

            // Named fields change; the rest stays; null clears.
            var values: [MemberField: MemberField.Value?] = [
                .addressCity: .some(.text("Fresno")), .ecmStatus: .some(.text("discontinued")),
                .enrollmentEnd: .some(.date(CivilDate(year: 2026, month: 6, day: 30)!)), .discontinuationReason: .some(.text("Moved out of county")),
            ]
            values[.homeless] = .some(nil)
            let moved = try await world.backend.updatePatient(id: created.id, PatientChange(member: MemberChange(values)))
            #expect(moved.name == "Aram Petrosyan" && moved.member.cin == "91234567A")
            #expect(moved.member.addressCity == "Fresno" && moved.member.homeless == nil && moved.member.ecmStatus == .discontinued)
            #expect(try await world.colleagueBackend.patient(id: created.id).member == moved.member)
        },
        ConformanceCase("a member's record is checked across its fields and against the clinic, and nothing is written when it fails") { harness in
            let world = try await World.make(harness)
            let first = try await world.backend.createPatient(PatientChange(name: "Ana Ruiz", member: MemberChange([.cin: .some(.text("91234567A"))])))
            await #expect(throws: BackendError.validation([PatientChange.leadCareManagerMessage, PatientChange.takenCINMessage])) {
                try await world.backend.createPatient(PatientChange(
                    name: "Ana Ruiz", member: MemberChange([.cin: .some(.text("91234567A")), .leadCareManagerID: .some(.integer(987_654))])))
            }
            await #expect(throws: BackendError.validation(["Enrollment start can't be blank"])) {
                try await world.backend.updatePatient(id: first.id, PatientChange(member: MemberChange([.ecmStatus: .some(.text("enrolled"))])))
            }
            await #expect(throws: BackendError.validation([ValidationMessage.nameBlank])) {
                try await world.backend.createPatient(PatientChange(member: MemberChange([.phone: .some(.text("9165550147"))])))
            }
            await #expect(throws: BackendError.patientNotFound) {
                try await world.backend.updatePatient(id: 987_654, PatientChange(name: "Nobody"))
            }
            #expect(try await world.backend.patient(id: first.id).member.ecmStatus == nil)
            #expect(try await world.backend.patients(PatientQuery(search: "ana ruiz")).pagination.totalCount == 1)
            // The member's own CIN is not "taken" by them.
            let same = try await world.backend.updatePatient(id: first.id, PatientChange(member: MemberChange([.cin: .some(.text("91234567A"))])))
            #expect(same.member.cin == "91234567A")
        },
        ConformanceCase("a patient search finds a member by CIN, its end, a phone's end however written, and still by id and date of birth") { harness in
            let world = try await World.make(harness)
            func member(_ cin: String, _ phone: String, born: String) async throws -> Patient {
                try await world.backend.createPatient(PatientChange(
                    name: "Aram Petrosyan", dateOfBirth: .some(CivilDate(iso8601: born)!),
                    member: MemberChange([.cin: .some(.text(cin)), .phone: .some(.text(phone))])))
            }
            let first = try await member("91234567A", "4155550134", born: "1961-04-02")
            let second = try await member("98765432B", "9165557788", born: "1958-10-19")
            func ids(_ search: String) async throws -> [Int64] {
                try await world.backend.patients(PatientQuery(search: search)).items.map(\.id).sorted()
            }
            #expect(try await ids("petrosyan") == [first.id, second.id])
            #expect(try await ids("91234567A") == [first.id])
            #expect(try await ids("91234567a") == [first.id])
            #expect(try await ids("567a") == [first.id])
            #expect(try await ids("432B petrosyan") == [second.id])
            #expect(try await ids("1234567") == [])
            #expect(try await ids("555-0134") == [first.id])
            #expect(try await ids("(415) 555-0134") == [first.id])
            #expect(try await ids("+1 415 555 0134") == [first.id])
            #expect(try await ids("916.555.7788") == [second.id])
            #expect(try await ids("7788 petrosyan") == [second.id])
            #expect(try await ids("0134 aram") == [first.id])
            #expect(try await ids("1958 petrosyan") == [second.id])
            #expect(try await ids("1958-10-19") == [second.id])
            #expect(try await ids(String(first.id) + " petrosyan") == [first.id])
            #expect(try await ids("555-0134 98765432B").isEmpty)
            #expect(try await ids("4155550135").isEmpty)
            // Patients without a record are not found by what they lack.
            #expect(try await ids("0000").isEmpty)
            #expect(try await ids("a b c d e f g (415) 555-0134").isEmpty)
        },
    ]
}
