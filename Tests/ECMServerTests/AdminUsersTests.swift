import ECMAuth
import ECMDomain
import ECMServer
import ECMTestSupport
import Foundation
import HTTPTypes
import Logging
import Testing

/// `/v1/admin/users` (extension) on both stores: a clinic's administrator adds, lists, changes,
/// disables and re-enables the clinic's accounts; a coordinator is refused; another clinic's
/// user is 404 and unchanged; every change has its audit row, with no name or password in it.
struct AdminUsersTests {
    /// Bob Manager (789) made the clinic's administrator, and a clinic 2 with its user 900.
    private static func setUp(_ store: TestAPI.Store) async throws -> (api: TestAPI, admin: String, otherClinicUser: Int64) {
        let api = try await TestAPI(store)
        _ = try await api.store.configureAccount(userID: 789, login: "bob", role: .admin)
        let admin = try await api.store.issueToken(userID: 789)
        let clinic = try await api.store.addClinic(name: "Clinic Two")
        _ = try await api.store.addUser(name: "Ana Otherclinic", id: 900)
        try await api.store.moveToClinic(.users, id: 900, clinicID: clinic)
        return (api, admin, 900)
    }

    @Test(arguments: TestAPI.stores) func anAdministratorAddsAUserWhoThenSignsIn(_ store: TestAPI.Store) async throws {
        let (api, admin, _) = try await Self.setUp(store)
        let trail = api.store
        try await api.run { client in
            let created = try await client.send(
                .post, "/v1/admin/users", body: #"{"user": {"name": " Rosa Valdez ", "login": "Rosa.V", "password": "a long enough passphrase"}}"#, token: admin)
            #expect(created.status == .created, "\(created.text)")
            let user = try #require(created.json["user"] as? [String: Any])
            let id = try #require(user["id"] as? Int)
            expectMatches(user, ["id": id, "name": "Rosa Valdez", "login": "rosa.v", "role": "coordinator", "clinic_id": 1, "disabled": false, "active_tokens": 0])
            #expect(created.headers[.location] == "/v1/admin/users/\(id)")
            let signedIn = try await client.send(
                .post, "/v1/clinic/sessions", body: #"{"session": {"login": "rosa.v", "password": "a long enough passphrase"}}"#, token: .some(nil))
            #expect(signedIn.status == .created, "\(signedIn.text)")
            let shown = try await client.send(.get, "/v1/admin/users/\(id)", token: admin)
            #expect((shown.json["user"] as? [String: Any])?["active_tokens"] as? Int == 1)
            // The clinic's list, by name, paged; clinic 2's user is not in it.
            let page = try await client.send(.get, "/v1/admin/users?page_size=2", token: admin)
            #expect((page.json["users"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Bob Manager", "Jane Coordinator"])
            expectMatches(page.json["pagination"], ["current_page": 1, "total_pages": 2, "total_count": 3, "per_page": 2])
            let second = try await client.send(.get, "/v1/admin/users?page=2&page_size=2", token: admin)
            #expect((second.json["users"] as? [[String: Any]])?.compactMap { $0["name"] as? String } == ["Rosa Valdez"])
            #expect(!page.text.contains("Otherclinic") && !second.text.contains("Otherclinic"))
            let badPage = try await client.send(.get, "/v1/admin/users?page=x", token: admin)
            #expect(badPage.status == .unprocessableContent && badPage.errors == ["Page is not a number"])
            let rows = try await trail.auditChain(after: 0, limit: 100)
            let create = try #require(rows.first { $0.entry.action == .create })
            #expect(create.entry.userID == 789 && create.entry.clinicID == 1 && create.entry.resource == "user" && create.entry.status == 201)
            #expect(create.entry.resourceID == Int64(id))
            let everything = rows.map { "\($0.entry)" }.joined(separator: "\n")
            for value in ["Rosa", "rosa", "passphrase"] { #expect(!everything.contains(value), "\(value) in the audit trail") }
            #expect(try await AuditChain.firstBrokenRow(in: trail).broken == nil)
        }
    }

    @Test(arguments: TestAPI.stores) func disablingEndsEveryTokenAndEnablingLetsThemSignInAgain(_ store: TestAPI.Store) async throws {
        let (api, admin, _) = try await Self.setUp(store)
        try await api.run { client in
            let before = try await client.send(.get, "/v1/clinic/me")
            #expect(before.status == .ok)
            let disabled = try await client.send(.patch, "/v1/admin/users/456", body: #"{"user": {"disabled": true}}"#, token: admin)
            #expect(disabled.status == .ok, "\(disabled.text)")
            expectMatches((disabled.json["user"] as? [String: Any]).map { ["disabled": $0["disabled"] ?? 0, "active_tokens": $0["active_tokens"] ?? 0] },
                          ["disabled": true, "active_tokens": 0])
            #expect(try await client.send(.get, "/v1/clinic/me").status == .unauthorized)
            let renamed = try await client.send(
                .put, "/v1/admin/users/456", body: #"{"user": {"disabled": false, "login": "jane", "role": "admin", "password": "another long passphrase"}}"#, token: admin)
            #expect(renamed.status == .ok, "\(renamed.text)")
            expectMatches(renamed.json["user"], ["id": 456, "name": "Jane Coordinator", "login": "jane", "role": "admin", "clinic_id": 1, "disabled": false, "active_tokens": 0])
            // The old token stays revoked; a sign-in works again.
            #expect(try await client.send(.get, "/v1/clinic/me").status == .unauthorized)
            let signedIn = try await client.send(
                .post, "/v1/clinic/sessions", body: #"{"session": {"login": "jane", "password": "another long passphrase"}}"#, token: .some(nil))
            #expect(signedIn.status == .created, "\(signedIn.text)")
        }
    }

    @Test(arguments: TestAPI.stores) func badInputGetsEveryMessageAndChangesNothing(_ store: TestAPI.Store) async throws {
        let (api, admin, _) = try await Self.setUp(store)
        let trail = api.store
        try await api.run { client in
            let blank = try await client.send(.post, "/v1/admin/users", body: #"{"user": {"name": "  ", "login": "no spaces allowed", "role": "boss", "disabled": "yes", "password": "short"}}"#, token: admin)
            #expect(blank.status == .unprocessableContent)
            #expect(blank.errors == [
                AccountRequest.blankNameMessage, LoginName.invalidMessage, AccountRequest.roleMessage, AccountRequest.disabledMessage,
                PasswordRules.tooShortMessage,
            ])
            let noName = try await client.send(.post, "/v1/admin/users", body: #"{"user": {}}"#, token: admin)
            #expect(noName.errors == [AccountRequest.blankNameMessage])
            let noObject = try await client.send(.post, "/v1/admin/users", body: #"{"name": "Rosa"}"#, token: admin)
            #expect(noObject.status == .badRequest && noObject.errors == ["param is missing or the value is empty: user"])
            let taken = try await client.send(.post, "/v1/admin/users", body: #"{"user": {"name": "Second Bob", "login": "BOB"}}"#, token: admin)
            #expect(taken.status == .unprocessableContent && taken.errors == [LoginName.takenMessage])
            let self_ = try await client.send(.patch, "/v1/admin/users/789", body: #"{"user": {"role": "coordinator"}}"#, token: admin)
            #expect(self_.status == .unprocessableContent && self_.errors == [AccountRequest.ownAccountMessage])
            let selfDisable = try await client.send(.patch, "/v1/admin/users/789", body: #"{"user": {"disabled": true}}"#, token: admin)
            #expect(selfDisable.errors == [AccountRequest.ownAccountMessage])
            let listed = try await client.send(.get, "/v1/admin/users?page_size=100", token: admin)
            #expect((listed.json["users"] as? [[String: Any]])?.count == 2)
            let accounts = try await trail.accounts(clinicID: 1, page: PageRequest(page: 1, size: 100)).items
            #expect(accounts.map(\.role) == [.admin, .coordinator] && accounts.allSatisfy { !$0.disabled })
        }
    }

    @Test(arguments: TestAPI.stores) func aCoordinatorIsRefusedAndAnotherClinicsUserIsNotThere(_ store: TestAPI.Store) async throws {
        let (api, admin, other) = try await Self.setUp(store)
        let trail = api.store
        try await api.run { client in
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/admin/users", nil), (.post, "/v1/admin/users", #"{"user": {"name": "Sneaky"}}"#),
                (.get, "/v1/admin/users/456", nil), (.patch, "/v1/admin/users/789", #"{"user": {"disabled": true}}"#),
            ] {
                let refused = try await client.send(method, path, body: body)
                #expect(refused.status == .forbidden && refused.errors == ["Forbidden"], "\(method) \(path)")
            }
            for (method, path, body) in [
                (HTTPRequest.Method.get, "/v1/admin/users/\(other)", nil),
                (.patch, "/v1/admin/users/\(other)", #"{"user": {"disabled": true, "password": "a long enough passphrase"}}"#),
                (.put, "/v1/admin/users/\(other)", #"{"user": {"name": "Renamed"}}"#),
                (.get, "/v1/admin/users/999999", nil), (.get, "/v1/admin/users/abc", nil),
            ] {
                let missing = try await client.send(method, path, body: body, token: admin)
                #expect(missing.status == .notFound && missing.errors == ["User not found"], "\(method) \(path): \(missing.text)")
            }
            let untouched = try await trail.usersWithTokenCounts().first { $0.user.id == other }
            #expect(untouched.map { ($0.user.name, $0.disabled) } ?? ("", true) == ("Ana Otherclinic", false))
            #expect(try await trail.usersWithTokenCounts().allSatisfy { $0.user.name != "Sneaky" })
        }
    }
}
