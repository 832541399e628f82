import ECMDomain
import ECMTestSupport
import Foundation
import Testing

/// A JSON value as JSONSerialization reads it, made comparable.
enum Canonical: Equatable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Canonical])
    case object([String: Canonical])

    init(_ any: Any) {
        if any is NSNull {
            self = .null
        } else if let text = any as? String {
            self = .string(text)
        } else if let object = any as? [String: Any] {
            self = .object(object.mapValues(Canonical.init))
        } else if let array = any as? [Any] {
            self = .array(array.map(Canonical.init))
        } else if let number = any as? NSNumber {
            if String(describing: type(of: number)).contains("Boolean") {
                self = .bool(number.boolValue)
            } else {
                self = .number(number.doubleValue)
            }
        } else {
            Issue.record("unexpected JSON value \(any) of type \(type(of: any))")
            self = .null
        }
    }

    static func parse(_ data: Data) throws -> Canonical {
        Canonical(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
    }

    static func parse(_ text: String) throws -> Canonical { try parse(Data(text.utf8)) }

    var object: [String: Canonical]? {
        if case .object(let value) = self { return value }
        return nil
    }

    subscript(key: String) -> Canonical? { object?[key] }

    var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let value): "\(value)"
        case .string(let value): "\"\(value)\""
        case .array(let items): "[\(items.map(\.description).joined(separator: ","))]"
        case .object(let members):
            "{\(members.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ","))}"
        }
    }
}

/// Records an issue for every key/value of `original` missing from or different in `encoded`,
/// and returns the keys `encoded` adds, by path (`activity`, `activity.event`, …).
@discardableResult
func expectContains(
    _ original: Canonical, in encoded: Canonical, path: String = "$",
    sourceLocation: SourceLocation = #_sourceLocation
) -> [String: Set<String>] {
    var added: [String: Set<String>] = [:]
    func walk(_ a: Canonical, _ b: Canonical, _ path: String) {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            for (key, value) in x {
                guard let other = y[key] else {
                    Issue.record("\(path).\(key) is missing from the encoded JSON", sourceLocation: sourceLocation)
                    continue
                }
                walk(value, other, "\(path).\(key)")
            }
            let extra = Set(y.keys).subtracting(x.keys)
            if !extra.isEmpty { added[path, default: []].formUnion(extra) }
        case (.array(let x), .array(let y)):
            guard x.count == y.count else {
                Issue.record("\(path) has \(y.count) items, expected \(x.count)", sourceLocation: sourceLocation)
                return
            }
            for (index, (p, q)) in zip(x, y).enumerated() { walk(p, q, "\(path)[\(index)]") }
        default:
            if a != b { Issue.record("\(path): expected \(a), got \(b)", sourceLocation: sourceLocation) }
        }
    }
    walk(original, encoded, path)
    return added
}

/// The object keys of a JSON text in the order they are written.
func keySequence(_ text: String) -> [String] {
    text.matches(of: /"([A-Za-z_]+)"\s*:/).map { String($0.output.1) }
}

func utf8(_ data: Data) -> String { String(decoding: data, as: UTF8.self) }

struct JSONTests {
    // MARK: Spec response bodies

    @Test func listResponseRoundTrips() throws {
        let body = try JSONDecoder().decode(ActivitiesBody.self, from: Data(SpecExamples.listResponse.utf8))
        #expect(body.activities.count == 1)
        let item = try #require(body.activities.first)
        #expect(item.id == 1)
        #expect(item.activityType == .task)
        #expect(item.status == .created)
        #expect(item.body == nil)
        #expect(item.occurredAt == Timestamp(milliseconds: 1_732_096_800_000))
        #expect(item.assignedToName == "Bob Manager")
        #expect(item.parentID == nil)
        #expect(item.commentsCount == 2)
        #expect(item.subtasksCount == 0 && item.subtasksCompletedCount == 0 && item.blocked == false)
        #expect(body.pagination == Pagination(currentPage: 1, totalPages: 3, totalCount: 65, perPage: 25))

        let encoded = ECMJSON.encode(body)
        let added = expectContains(try Canonical.parse(SpecExamples.listResponse), in: try Canonical.parse(encoded))
        #expect(added == ["$.activities[0]": ["subtasks_count", "subtasks_completed_count", "blocked", "due_at", "booked_at", "revision", "assigned_at", "assigned_by_id"]])

        // Same members in the same order, extensions aside.
        let extensions: Set = ["subtasks_count", "subtasks_completed_count", "blocked", "due_at", "booked_at", "revision", "assigned_at", "assigned_by_id"]
        #expect(
            keySequence(utf8(encoded)).filter { !extensions.contains($0) }
                == keySequence(SpecExamples.listResponse))
        #expect(try JSONDecoder().decode(ActivitiesBody.self, from: encoded) == body)
    }

    @Test func detailResponseRoundTrips() throws {
        let body = try JSONDecoder().decode(ActivityBody.self, from: Data(SpecExamples.detailResponse.utf8))
        let activity = body.activity
        #expect(activity.id == 1)
        #expect(activity.body == "Need to check if patient has started new medication regimen")
        #expect(activity.bookedAt == nil && activity.emailTo == nil && activity.transcript == nil)
        #expect(activity.emailAttachments == [])
        #expect(activity.comments == [
            Comment(
                id: 1, body: "Called patient, no answer", userID: 789, userName: "Bob Manager",
                createdAt: Timestamp(milliseconds: 1_732_111_200_000))
        ])
        #expect(activity.subtasks == [])
        #expect(activity.event == Event(
            id: 1, eventType: .task, occurredAt: Timestamp(milliseconds: 1_732_096_800_000), status: .created))
        #expect(activity.updatedAt == Timestamp(milliseconds: 1_732_111_200_000))

        let encoded = ECMJSON.encode(body)
        let added = expectContains(try Canonical.parse(SpecExamples.detailResponse), in: try Canonical.parse(encoded))
        #expect(added == ["$.activity": ["email_attachments", "due_at", "duration", "outcome"], "$.activity.event": ["subject", "body", "duration"]])
        let parsed = try Canonical.parse(encoded)
        #expect(parsed["activity"]?["email_attachments"] == .array([]))
        #expect(parsed["activity"]?["event"]?["duration"] == .null)
        #expect(parsed["activity"]?["due_at"] == .null)
        #expect(parsed["activity"]?["duration"] == .null && parsed["activity"]?["outcome"] == .null)

        // Same order, extensions aside: email_attachments, due_at, duration, outcome, and the event's subject/body/duration.
        var expectedOrder: [String] = []
        var inEvent = false
        for key in keySequence(utf8(encoded)) {
            if key == "event" { inEvent = true } else if key == "created_at", inEvent { inEvent = false }
            if ["email_attachments", "due_at", "duration", "outcome"].contains(key) && !inEvent || inEvent && ["subject", "body", "duration"].contains(key) { continue }
            expectedOrder.append(key)
        }
        #expect(expectedOrder == keySequence(SpecExamples.detailResponse))

        var decodedAgain = try JSONDecoder().decode(ActivityBody.self, from: encoded)
        decodedAgain.activity.revision = activity.revision
        #expect(decodedAgain == body)
    }

    @Test(arguments: [SpecExamples.patientNotFound, SpecExamples.activityNotFound, SpecExamples.unprocessable])
    func errorBodiesRoundTrip(_ example: String) throws {
        let body = try JSONDecoder().decode(ErrorsBody.self, from: Data(example.utf8))
        #expect(!body.errors.isEmpty)
        let encoded = ECMJSON.encode(body)
        #expect(try Canonical.parse(encoded) == Canonical.parse(example))
        #expect(keySequence(utf8(encoded)) == ["errors"])
    }

    @Test func errorBodiesMatchBackendErrors() {
        #expect(utf8(ECMJSON.encode(ErrorsBody(BackendError.patientNotFound.messages))) == #"{"errors":["Patient not found"]}"#)
        #expect(utf8(ECMJSON.encode(ErrorsBody(BackendError.activityNotFound.messages))) == #"{"errors":["Activity not found"]}"#)
        #expect(
            utf8(ECMJSON.encode(ErrorsBody(["Message can't be blank", "Assigned to can't be blank"])))
                == #"{"errors":["Message can't be blank","Assigned to can't be blank"]}"#)
    }

    /// The create example lacks non-null fields (`occurred_at`, the names…), so it is not a
    /// decodable detail: a detail with the same values must encode every key it shows.
    @Test func createdDetailEncodesEveryKeyOfTheCreateExample() throws {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ActivityBody.self, from: Data(SpecExamples.createSuccessResponse.utf8))
        }
        let created = Timestamp(milliseconds: 1_732_183_200_000)
        let detail = ActivityDetail(
            id: 2, activityType: .task, status: .created,
            message: "Schedule follow-up appointment with patient", subject: "Follow-up Scheduling",
            occurredAt: created, patientID: 123, patientName: "John Doe", performedByID: 456,
            performedByName: "Jane Coordinator", assignedToID: 789, assignedToName: "Bob Manager",
            event: Event(id: 2, eventType: .task, occurredAt: created, status: .created),
            createdAt: created, updatedAt: created)
        let encoded = try Canonical.parse(ECMJSON.encode(ActivityBody(detail)))
        expectContains(try Canonical.parse(SpecExamples.createSuccessResponse), in: encoded)
        // Every key of the detail example, too: a created activity is a whole detail.
        let detailKeys = Set(try #require(Canonical.parse(SpecExamples.detailResponse)["activity"]?.object).keys)
        let encodedKeys = Set(try #require(encoded["activity"]?.object).keys)
        #expect(detailKeys.subtracting(encodedKeys) == [])
    }

    // MARK: The encoder

    private var summary: ActivitySummary {
        let t = Timestamp(milliseconds: 1_732_096_800_000)
        return ActivitySummary(
            id: 1, activityType: .task, status: .created, message: nil, subject: nil, body: nil,
            occurredAt: t, patientID: 123, patientName: "John Doe", performedByID: 456,
            performedByName: "Jane Coordinator", assignedToID: nil, assignedToName: nil, parentID: nil,
            commentsCount: 0, createdAt: t, updatedAt: t)
    }

    @Test func membersAreWrittenInDeclarationOrder() {
        let text = utf8(ECMJSON.encode(summary))
        #expect(text.hasPrefix(#"{"id":1,"activity_type":"task","status":"created","message":null,"#))
        #expect(keySequence(text) == [
            "id", "activity_type", "status", "message", "subject", "body", "occurred_at", "patient_id",
            "patient_name", "performed_by_id", "performed_by_name", "assigned_to_id", "assigned_to_name",
            "parent_id", "comments_count", "created_at", "updated_at", "subtasks_count",
            "subtasks_completed_count", "blocked", "due_at", "booked_at", "revision", "assigned_at", "assigned_by_id",
        ])
        #expect(text.hasSuffix(#""due_at":null,"booked_at":null,"revision":1,"assigned_at":null,"assigned_by_id":null}"#))
    }

    @Test func nullsAreWrittenNotOmitted() throws {
        let text = utf8(ECMJSON.encode(summary))
        for key in ["message", "subject", "body", "assigned_to_id", "assigned_to_name", "parent_id"] {
            #expect(text.contains(#""\#(key)":null"#), "\(key)")
        }
        let t = Timestamp(milliseconds: 0)
        let detail = ActivityDetail(
            id: 9, activityType: .note, status: .created, occurredAt: t, patientID: 1, patientName: "P",
            performedByID: 2, performedByName: "U", createdAt: t, updatedAt: t)
        let detailText = utf8(ECMJSON.encode(ActivityBody(detail)))
        for key in [
            "message", "subject", "body", "booked_at", "email_to", "transcript", "assigned_to_id",
            "assigned_to_name", "parent_id", "blocked_by_id", "blocking_id", "voice_call_id",
            "text_message_id", "event",
        ] {
            #expect(detailText.contains(#""\#(key)":null"#), "\(key)")
        }
        #expect(detailText.contains(#""comments":[],"subtasks":[],"event":null"#))
    }

    @Test func eventActivityIDIsOnlyWrittenWhenKnown() {
        let t = Timestamp(milliseconds: 0)
        let without = utf8(ECMJSON.encode(Event(id: 1, eventType: .call, occurredAt: t, status: .complete, duration: 15)))
        #expect(without == #"{"id":1,"event_type":"call","occurred_at":"1970-01-01T00:00:00.000Z","status":"complete","subject":null,"body":null,"duration":15}"#)
        let with = utf8(ECMJSON.encode(Event(id: 1, activityID: 7, eventType: .call, occurredAt: t, status: .complete)))
        #expect(with.hasSuffix(#""duration":null,"activity_id":7}"#))
    }

    @Test func paginationAndPatientOrder() throws {
        #expect(
            utf8(ECMJSON.encode(Pagination(page: 1, perPage: 25, totalCount: 65)))
                == #"{"current_page":1,"total_pages":3,"total_count":65,"per_page":25}"#)
        let patient = Patient(id: 1, name: "José Núñez", dateOfBirth: CivilDate(iso8601: "1950-03-14"))
        // The member record follows, flat, every field written (null when not recorded).
        let members = MemberField.allCases.map { #""\#($0.rawValue)":null"# }.joined(separator: ",")
        #expect(
            utf8(ECMJSON.encode(patient))
                == #"{"id":1,"name":"José Núñez","date_of_birth":"1950-03-14","open_activities_count":0,"last_activity_at":null,"#
                + members + "}")
        #expect(try JSONDecoder().decode(Patient.self, from: ECMJSON.encode(patient)) == patient)
        var member = Patient(id: 2, name: "Aram Petrosyan")
        member.member.cin = "91234567A"
        member.member.homeless = false
        member.member.enrollmentStart = CivilDate(year: 2026, month: 1, day: 5)
        member.member.leadCareManagerID = 7
        let text = utf8(ECMJSON.encode(member))
        #expect(text.contains(#""cin":"91234567A","#) && text.contains(#""homeless":false"#) && text.contains(#""enrollment_start":"2026-01-05""#))
        #expect(try JSONDecoder().decode(Patient.self, from: ECMJSON.encode(member)) == member)
    }

    @Test func prettyOutputIndentsWithTwoSpaces() throws {
        #expect(utf8(ECMJSON.encode(ErrorsBody(["x"]), pretty: true)) == "{\n  \"errors\": [\n    \"x\"\n  ]\n}")
        #expect(utf8(ECMJSON.encode(ErrorsBody([]), pretty: true)) == "{\n  \"errors\": []\n}")
        let pretty = ECMJSON.encode(summary, pretty: true)
        #expect(try Canonical.parse(pretty) == Canonical.parse(ECMJSON.encode(summary)))
    }

    static let awkwardStrings: [String] = [
        #"say "hello""#,
        #"back\slash \\ and \n literally"#,
        "line one\nline two\r\nthree",
        "tab\there",
        "control \u{1} \u{0} \u{1F} \u{7F} \u{1B}[31m",
        "unicode Núñez 王秀英 👍🏽 e\u{301} \u{2028} \u{202E}",
        "</script>",
        "",
    ]

    @Test(arguments: awkwardStrings)
    func stringsRoundTripThroughJSONDecoder(_ text: String) throws {
        var item = summary
        item.message = text
        item.patientName = text
        let data = ECMJSON.encode(item)
        #expect(!data.contains { $0 < 0x20 }, "raw control byte in \(utf8(data))")
        let decoded = try JSONDecoder().decode(ActivitySummary.self, from: data)
        #expect(decoded.message == text)
        #expect(decoded.patientName == text)
        #expect(try Canonical.parse(data)["message"] == .string(text))
        let errors = try JSONDecoder().decode(ErrorsBody.self, from: ECMJSON.encode(ErrorsBody([text])))
        #expect(errors.errors == [text])
    }

    @Test func controlCharactersAreEscaped() {
        #expect(utf8(ECMJSON.encode(["a\"b\\c\nd\u{1}e\u{7F}"])) == #"["a\"b\\c\nd\u0001e\u007f"]"#)
    }

    @Test func numbersAndBooleans() throws {
        struct Numbers: JSONWritable {
            let int = Int64.max
            let negative = -42
            let double = 1.5
            let whole = 3.0
            let infinite = Double.infinity
            let flag = true
            let missing: Int? = nil
            func writeJSON(to writer: inout JSONWriter) {
                writer.object { writer in
                    writer.member("int", int)
                    writer.member("negative", negative)
                    writer.member("double", double)
                    writer.member("whole", whole)
                    writer.member("infinite", infinite)
                    writer.member("flag", flag)
                    writer.member("missing", missing)
                }
            }
        }
        #expect(
            utf8(ECMJSON.encode(Numbers()))
                == #"{"int":9223372036854775807,"negative":-42,"double":1.5,"whole":3,"infinite":null,"flag":true,"missing":null}"#)
    }

    @Test func stringsAreCopiedInRunsAndEscapedAtEveryPosition() throws {
        let texts = ["", "\"", "a\"", "\"a", "Villaseñor\nCárdenas", "阮氏\t梅\u{1F}", "\\\\", "plain ascii"]
        for text in texts {
            let data = ECMJSON.encode([text])
            #expect(try JSONDecoder().decode([String].self, from: data) == [text], "\(text.debugDescription)")
        }
        #expect(utf8(ECMJSON.encode(["\u{1F}é\""])) == #"["\u001fé\""]"#)
    }

    @Test func dictionariesAreWrittenInKeyOrder() {
        let value: JSONValue = .object(["b": .integer(2), "a": .array([.null, .bool(false), .number(0.25)]), "c": .object([:])])
        #expect(utf8(ECMJSON.encode(value)) == #"{"a":[null,false,0.25],"b":2,"c":{}}"#)
        #expect(
            utf8(ECMJSON.encode(value, pretty: true))
                == "{\n  \"a\": [\n    null,\n    false,\n    0.25\n  ],\n  \"b\": 2,\n  \"c\": {}\n}")
    }

    @Test func timestampsAreWrittenAsTheirISO8601Text() {
        for milliseconds: Int64 in [0, -1, 1_732_096_800_123, Timestamp.representable.lowerBound, Timestamp.representable.upperBound] {
            let timestamp = Timestamp(milliseconds: milliseconds)
            #expect(utf8(ECMJSON.encode(timestamp)) == "\"\(timestamp.iso8601)\"")
            #expect(Timestamp(iso8601: timestamp.iso8601) == timestamp)
        }
        #expect(Timestamp(milliseconds: 0).iso8601 == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp(milliseconds: -1).iso8601 == "1969-12-31T23:59:59.999Z")
        #expect(Timestamp(milliseconds: Timestamp.representable.lowerBound).iso8601 == "0001-01-01T00:00:00.000Z")
        #expect(utf8(ECMJSON.encode(CivilDate(year: 987, month: 3, day: 4))) == #""0987-03-04""#)
    }
}
