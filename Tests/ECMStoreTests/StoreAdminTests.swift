import ECMDomain
import ECMStore
import ECMTestSupport
import Testing

/// Set-up writes (users, patients) follow the same text rules as the API's writes.
struct StoreAdminTests {
    @Test func namesWithANullCharacterAreRefusedAndNothingIsAdded() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let database = try AppDatabase.open(path: directory.file("store.sqlite"), create: true)
        #expect(throws: BackendError.validation(["Name contains a null character"])) {
            try database.addPatient(name: "José\u{0}Núñez", dateOfBirth: nil)
        }
        #expect(throws: BackendError.validation(["Name contains a null character"])) {
            try database.addUser(name: "Jane\u{0}")
        }
        #expect(try database.firstUserID() == nil)
        let kept = try database.addPatient(name: "José Núñez", dateOfBirth: nil)
        #expect(kept.id == 1)
    }
}
