import Foundation

/// The JSON bodies of the API, each with its top-level key.
public struct ActivitiesBody: Codable, Sendable, Equatable {
    public var activities: [ActivitySummary]
    public var pagination: Pagination
    public init(_ page: Page<ActivitySummary>) {
        activities = page.items
        pagination = page.pagination
    }
    public var page: Page<ActivitySummary> { Page(items: activities, pagination: pagination) }
}

public struct ActivityBody: Codable, Sendable, Equatable {
    public var activity: ActivityDetail
    public init(_ activity: ActivityDetail) { self.activity = activity }
}

public struct PatientsBody: Codable, Sendable, Equatable {
    public var patients: [Patient]
    public var pagination: Pagination
    public init(_ page: Page<Patient>) {
        patients = page.items
        pagination = page.pagination
    }
    public var page: Page<Patient> { Page(items: patients, pagination: pagination) }
}

public struct PatientBody: Codable, Sendable, Equatable {
    public var patient: Patient
    public init(_ patient: Patient) { self.patient = patient }
}

public struct UsersBody: Codable, Sendable, Equatable {
    public var users: [User]
    public init(_ users: [User]) { self.users = users }
}

public struct UserBody: Codable, Sendable, Equatable {
    public var user: User
    public init(_ user: User) { self.user = user }
}

public struct CommentsBody: Codable, Sendable, Equatable {
    public var comments: [Comment]
    public var pagination: Pagination
    public init(_ page: Page<Comment>) {
        comments = page.items
        pagination = page.pagination
    }
    public var page: Page<Comment> { Page(items: comments, pagination: pagination) }
}

public struct CommentBody: Codable, Sendable, Equatable {
    public var comment: Comment
    public init(_ comment: Comment) { self.comment = comment }
}

public struct EventsBody: Codable, Sendable, Equatable {
    public var events: [Event]
    public var pagination: Pagination
    public init(_ page: Page<Event>) {
        events = page.items
        pagination = page.pagination
    }
    public var page: Page<Event> { Page(items: events, pagination: pagination) }
}

public struct ErrorsBody: Codable, Sendable, Equatable {
    public var errors: [String]
    public init(_ errors: [String]) { self.errors = errors }
}

/// The comment request body, `{"comment": {"body": "..."}}`.
public struct CommentRequest: Codable, Sendable {
    public struct Fields: Codable, Sendable {
        public var body: String?
    }
    public var comment: Fields?

    public init(body: String) { comment = Fields(body: body) }
}

/// JSON coding configured the same way everywhere.
public enum ECMJSON {
    /// Members in the order the spec's examples show them; compact unless `pretty`.
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = false) -> Data {
        // Every type encoded here is made of strings, numbers and arrays: encoding cannot fail.
        Data((try? OrderedJSONEncoder(pretty: pretty).encode(value)) ?? Array("{}".utf8))
    }
}
