import ECMDomain
import ECMTestSupport
import Foundation
import HTTPTypes
import Testing

/// `Idempotency-Key` on writes (an extension): a write sent again with its key is made once and
/// answered as the first time, on every write route and on both stores.
struct IdempotencyKeyTests {
    let base = "/v1/clinic/ecm/patients/123/activities"
    static let key = HTTPField.Name("Idempotency-Key")!
    static let replayed = HTTPField.Name("Idempotent-Replayed")!

    static func keyed(_ key: String, _ more: HTTPFields = [:]) -> HTTPFields {
        var headers = more
        headers[Self.key] = key
        return headers
    }

    static let email = #"{"activity": {"activity_type": "email", "assigned_to_id": 456, "email_to": "parent@example.org", "subject": "Visit", "body": "See you Tuesday"}}"#

    @Test(arguments: TestAPI.stores) func aCreateSentAgainIsMadeOnceAndAnsweredTheSameBytes(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        let outbox = api.store
        try await api.run { client in
            let first = try await client.send(.post, base, body: Self.email, headers: Self.keyed("create-1"))
            #expect(first.status == .created, "\(first.text)")
            #expect(first.headers[Self.replayed] == nil)
            let again = try await client.send(.post, base, body: Self.email, headers: Self.keyed("create-1"))
            #expect(again.status == .created)
            #expect(again.text == first.text)
            #expect(again.headers[.location] == first.headers[.location])
            #expect(again.headers[.eTag] == first.headers[.eTag])
            #expect(again.headers[.contentType] == first.headers[.contentType])
            #expect(again.headers[Self.replayed] == "true")
            // One activity and one message to send.
            #expect(try await api.activityCount() == 1)
            #expect(try await outbox.emailOutboxSummary().pending == 1)
            // Without a key, the same body is another email.
            let unkeyed = try await client.send(.post, base, body: Self.email)
            #expect(unkeyed.status == .created)
            #expect(try await api.activityCount() == 2)
        }
    }

    @Test(arguments: TestAPI.stores) func theSameKeyForAnotherRequestIs422AndWritesNothing(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let first = try await client.send(
                .post, base, body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "one"}}"#, headers: Self.keyed("k"))
            let id = try #require((first.json["activity"] as? [String: Any])?["id"] as? Int)
            let other = try await client.send(.post, base, body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "two"}}"#, headers: Self.keyed("k"))
            #expect(other.status == .unprocessableContent)
            #expect(other.text == #"{"errors":["Idempotency key was used for another request"]}"#)
            // Another path with the key is another request too.
            let elsewhere = try await client.send(
                .post, "\(base)/\(id)/comments", body: #"{"comment": {"body": "x"}}"#, headers: Self.keyed("k"))
            #expect(elsewhere.status == .unprocessableContent)
            #expect(try await api.activityCount() == 1)
        }
    }

    @Test(arguments: TestAPI.stores) func keysBelongToTheirUser(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        let bob = try await api.store.issueToken(userID: 789)
        try await api.run { client in
            let body = #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "one"}}"#
            let jane = try await client.send(.post, base, body: body, headers: Self.keyed("shared"))
            let bobs = try await client.send(.post, base, body: body, token: bob, headers: Self.keyed("shared"))
            #expect(jane.status == .created)
            #expect(bobs.status == .created)
            #expect(bobs.headers[Self.replayed] == nil)
            #expect(try await api.activityCount() == 2)
        }
    }

    @Test(arguments: TestAPI.stores) func anUpdateADeleteAndACommentSentAgainAreAnsweredAsTheFirstTime(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let created = try await client.send(.post, base, body: #"{"activity": {"activity_type": "task", "assigned_to_id": 456, "message": "Call"}}"#)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let update = #"{"activity": {"status": "complete"}}"#
            let ifMatch: HTTPFields = [.ifMatch: "\"1\""]
            let updated = try await client.send(.put, "\(base)/\(id)", body: update, headers: Self.keyed("u", ifMatch))
            #expect(updated.status == .ok)
            #expect(updated.headers[.eTag] == "\"2\"")
            // Sent again with its stale If-Match: the first answer, not 412.
            let again = try await client.send(.put, "\(base)/\(id)", body: update, headers: Self.keyed("u", ifMatch))
            #expect(again.status == .ok)
            #expect(again.text == updated.text)
            #expect(again.headers[.eTag] == "\"2\"")
            #expect(again.headers[Self.replayed] == "true")

            let comment = #"{"comment": {"body": "Spoke to her daughter"}}"#
            let commented = try await client.send(.post, "\(base)/\(id)/comments", body: comment, headers: Self.keyed("c"))
            let commentedAgain = try await client.send(.post, "\(base)/\(id)/comments", body: comment, headers: Self.keyed("c"))
            #expect(commented.status == .created)
            #expect(commentedAgain.status == .created)
            #expect(commentedAgain.text == commented.text)
            let comments = try await client.send(.get, "\(base)/\(id)/comments")
            #expect((comments.json["comments"] as? [Any])?.count == 1)

            let deleted = try await client.send(.delete, "\(base)/\(id)", headers: Self.keyed("d"))
            #expect(deleted.status == .noContent)
            let deletedAgain = try await client.send(.delete, "\(base)/\(id)", headers: Self.keyed("d"))
            #expect(deletedAgain.status == .noContent)
            #expect(deletedAgain.text == "")
            #expect(deletedAgain.headers[.contentType] == nil)
            #expect(deletedAgain.headers[Self.replayed] == "true")
            // Without the key, the record is gone.
            #expect(try await client.send(.delete, "\(base)/\(id)").status == .notFound)
        }
    }

    @Test(arguments: TestAPI.stores) func aRetryOfAFailedEmailSentAgainIsAnsweredAsTheFirstTime(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        let outbox = api.store
        try await api.run { client in
            let created = try await client.send(.post, base, body: Self.email)
            let id = try #require((created.json["activity"] as? [String: Any])?["id"] as? Int)
            let now = Timestamp.now()
            let claimed = try await outbox.claimDueEmails(
                owner: "test", now: now, leaseUntil: Timestamp(milliseconds: now.milliseconds + 60_000), limit: 10)
            #expect(claimed.map(\.activityID) == [Int64(id)])
            try await outbox.recordEmailAttempt(activityID: Int64(id), owner: "test", outcome: .failed(error: "550 no such user"), at: now)
            let retry = "/v1/clinic/ecm/email_deliveries/\(id)/retry"
            let first = try await client.send(.post, retry, headers: Self.keyed("r"))
            #expect(first.status == .accepted, "\(first.text)")
            let again = try await client.send(.post, retry, headers: Self.keyed("r"))
            #expect(again.status == .accepted)
            #expect(again.text == first.text)
            // Without the key, a second retry is refused: the message is pending again.
            let unkeyed = try await client.send(.post, retry)
            #expect(unkeyed.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestAPI.stores) func aRefusedWriteDoesNotSpendItsKey(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            let refused = try await client.send(.post, base, body: #"{"activity": {"activity_type": "task"}}"#, headers: Self.keyed("k"))
            #expect(refused.status == .unprocessableContent)
            let corrected = try await client.send(
                .post, base, body: #"{"activity": {"activity_type": "task", "assigned_to_id": 456, "message": "Call"}}"#, headers: Self.keyed("k"))
            #expect(corrected.status == .created, "\(corrected.text)")
            #expect(corrected.headers[Self.replayed] == nil)
        }
    }

    @Test(arguments: TestAPI.stores) func aKeyThatCannotBeOneIs400AndWritesNothing(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            for key in ["", String(repeating: "k", count: 256), "two words", "clé"] {
                let reply = try await client.send(.post, base, body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "x"}}"#, headers: Self.keyed(key))
                #expect(reply.status == .badRequest, "\(key)")
                #expect(reply.errors == ["Idempotency key must be 1 to 255 visible ASCII characters"], "\(key)")
            }
            #expect(try await api.activityCount() == 0)
            // 255 visible characters are a key.
            let longest = try await client.send(
                .post, base, body: #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "x"}}"#,
                headers: Self.keyed(String(repeating: "~", count: 255)))
            #expect(longest.status == .created)
            // Reads ignore the header.
            #expect(try await client.send(.get, base, headers: Self.keyed("two words")).status == .ok)
        }
    }

    /// The property a retrying client relies on: however many copies of one keyed request arrive
    /// at once, one record is written and every copy gets its answer.
    @Test(arguments: TestAPI.stores) func copiesArrivingAtOnceMakeOneRecord(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        try await api.run { client in
            for round in 0..<3 {
                let replies = try await withThrowingTaskGroup(of: TestAPI.Reply.self) { group in
                    for _ in 0..<8 {
                        group.addTask { try await client.send(.post, base, body: Self.email, headers: Self.keyed("burst-\(round)")) }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(replies.allSatisfy { $0.status == .created }, "\(replies.map(\.text))")
                #expect(Set(replies.map(\.text)).count == 1)
                #expect(replies.filter { $0.headers[Self.replayed] == nil }.count == 1)
            }
            #expect(try await api.activityCount() == 3)
        }
    }

    @Test(arguments: TestAPI.stores) func keysAreForgottenAfterTheirRetention(_ store: TestAPI.Store) async throws {
        let api = try await TestAPI(store)
        let base = self.base
        let keys = api.store
        try await api.run { client in
            let body = #"{"activity": {"activity_type": "note", "assigned_to_id": 456, "body": "one"}}"#
            _ = try await client.send(.post, base, body: body, headers: Self.keyed("old"))
            // Nothing is past 30 days yet.
            let cutoff = Timestamp(milliseconds: Timestamp.now().milliseconds - IdempotentWrite.retentionMilliseconds)
            #expect(try await keys.purgeIdempotencyKeys(recordedBefore: cutoff) == 0)
            #expect(try await client.send(.post, base, body: body, headers: Self.keyed("old")).headers[Self.replayed] == "true")
            // As if 30 days had passed: the key is forgotten and names a new write.
            #expect(try await keys.purgeIdempotencyKeys(recordedBefore: Timestamp(milliseconds: Timestamp.now().milliseconds + 1)) == 1)
            let fresh = try await client.send(.post, base, body: body, headers: Self.keyed("old"))
            #expect(fresh.status == .created)
            #expect(fresh.headers[Self.replayed] == nil)
            #expect(try await api.activityCount() == 2)
        }
    }
}
