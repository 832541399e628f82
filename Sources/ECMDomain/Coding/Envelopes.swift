import Foundation

/// The JSON bodies of the API, each with its top-level key.
public struct ActivitiesBody: Decodable, Sendable, Equatable {
    public var activities: [ActivitySummary]
    public var pagination: Pagination
    public init(_ page: Page<ActivitySummary>) {
        activities = page.items
        pagination = page.pagination
    }
    public var page: Page<ActivitySummary> { Page(items: activities, pagination: pagination) }
}

public struct ActivityBody: Decodable, Sendable, Equatable {
    public var activity: ActivityDetail
    public init(_ activity: ActivityDetail) { self.activity = activity }
}

public struct PatientsBody: Decodable, Sendable, Equatable {
    public var patients: [Patient]
    public var pagination: Pagination
    public init(_ page: Page<Patient>) {
        patients = page.items
        pagination = page.pagination
    }
    public var page: Page<Patient> { Page(items: patients, pagination: pagination) }
}

public struct PatientBody: Decodable, Sendable, Equatable {
    public var patient: Patient
    public init(_ patient: Patient) { self.patient = patient }
}

public struct UsersBody: Decodable, Sendable, Equatable {
    public var users: [User]
    public init(_ users: [User]) { self.users = users }
}

public struct UserBody: Decodable, Sendable, Equatable {
    public var user: User
    public init(_ user: User) { self.user = user }
}

public struct CommentsBody: Decodable, Sendable, Equatable {
    public var comments: [Comment]
    public var pagination: Pagination
    public init(_ page: Page<Comment>) {
        comments = page.items
        pagination = page.pagination
    }
    public var page: Page<Comment> { Page(items: comments, pagination: pagination) }
}

public struct CommentBody: Decodable, Sendable, Equatable {
    public var comment: Comment
    public init(_ comment: Comment) { self.comment = comment }
}

public struct EventsBody: Decodable, Sendable, Equatable {
    public var events: [Event]
    public var pagination: Pagination
    public init(_ page: Page<Event>) {
        events = page.items
        pagination = page.pagination
    }
    public var page: Page<Event> { Page(items: events, pagination: pagination) }
}

public struct ErrorsBody: Decodable, Sendable, Equatable {
    public var errors: [String]
    public init(_ errors: [String]) { self.errors = errors }
}

/// The comment request body, `{"comment": {"body": "..."}}`.
public struct CommentRequest: Decodable, Sendable {
    public struct Fields: Decodable, Sendable {
        public var body: String?
    }
    public var comment: Fields?

    public init(body: String) { comment = Fields(body: body) }
}

/// JSON coding configured the same way everywhere.
public enum ECMJSON {
    /// Members in the order the spec's examples show them; compact unless `pretty`.
    public static func encode(_ value: some JSONWritable, pretty: Bool = false) -> Data {
        Data(JSONWriter.bytes(of: value, pretty: pretty))
    }
}

// MARK: - Writing the bodies

extension ActivitiesBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page("activities", activities, pagination)
    }
}

extension ActivityBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("activity", activity) }
    }
}

extension PatientsBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page("patients", patients, pagination)
    }
}

extension PatientBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("patient", patient) }
    }
}

extension UsersBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("users", users) }
    }
}

extension UserBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("user", user) }
    }
}

extension CommentsBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page("comments", comments, pagination)
    }
}

extension CommentBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("comment", comment) }
    }
}

extension EventsBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.page("events", events, pagination)
    }
}

extension ErrorsBody: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("errors", errors) }
    }
}

extension CommentRequest: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            if let comment { writer.member("comment", ["body": comment.body]) }
        }
    }
}

extension JSONWriter {
    /// A list body: `{"<key>": [...], "pagination": {...}}`.
    mutating func page<Item: JSONWritable>(_ key: StaticString, _ items: [Item], _ pagination: Pagination) {
        object { writer in
            writer.member(key, items)
            writer.member("pagination", pagination)
        }
    }
}
