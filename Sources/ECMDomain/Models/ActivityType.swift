/// The kind of an activity; its raw value is the API's `activity_type`.
public enum ActivityType: String, CaseIterable, Codable, Sendable, JSONWritable {
    case task
    case note
    case sms
    case call
    case email
    case inPersonAppointment = "in_person_appointment"

    /// A short label that reads without colour (timeline rows, pickers).
    public var label: String {
        switch self {
        case .task: "Task"
        case .note: "Note"
        case .sms: "SMS"
        case .call: "Call"
        case .email: "Email"
        case .inPersonAppointment: "Visit"
        }
    }
}

/// The state of an activity; its raw value is the API's `status`.
public enum ActivityStatus: String, CaseIterable, Codable, Sendable, JSONWritable {
    case created
    case complete
    case cancelled

    /// True while the activity still needs someone's attention.
    public var isOpen: Bool { self == .created }
}

/// Extension: whether an outreach reached the member (`outcome` on calls, SMS, emails and
/// visits): the PRTF report counts successful and unsuccessful attempts apart.
public enum ActivityOutcome: String, CaseIterable, Codable, Sendable, JSONWritable {
    case successful
    case unsuccessful
}

extension ActivityType {
    /// Whether a `duration` (minutes spent) may be recorded: calls, visits and notes.
    public var takesDuration: Bool { self == .call || self == .inPersonAppointment || self == .note }
    /// Whether an outreach `outcome` may be recorded: calls, SMS, emails and visits.
    public var takesOutcome: Bool { self == .call || self == .sms || self == .email || self == .inPersonAppointment }
}
