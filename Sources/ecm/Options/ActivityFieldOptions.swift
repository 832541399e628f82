import ArgumentParser
import ECMDomain
import Foundation

/// The activity's fields as flags. They build the same `activity` object a request body would,
/// so flags and stdin JSON go through one parser and one set of messages.
struct ActivityFieldOptions: ParsableArguments {
    @Option(name: .customLong("type"), help: "The activity's type.") var activityType: ActivityType?
    @Option(help: "The activity's status.") var status: ActivityStatus?
    @Option(help: "The task's message.") var message: String?
    @Option(help: "Subject line.") var subject: String?
    @Option(help: "Body text.") var body: String?
    @Option(help: ArgumentHelp("Assignee's user id.", valueName: "user-id")) var assignedTo: String?
    @Option(help: "Email recipient.") var emailTo: String?
    @Option(name: .customLong("email-attachment"), help: "Attachment URL (repeatable).")
    var emailAttachments: [String] = []
    @Option(help: ArgumentHelp("Appointment time: 2024-12-01 14:00 is your local time (TZ); or ISO 8601 with Z or an offset.", valueName: "time"))
    var bookedAt: String?
    @Option(help: ArgumentHelp("When it happened, read as --booked-at is.", valueName: "time")) var occurredAt: String?
    @Option(help: "Voice call id.") var voiceCallId: String?
    @Option(help: "Text message id.") var textMessageId: String?
    @Option(help: ArgumentHelp("Parent task's id (makes a subtask).", valueName: "activity-id")) var parent: String?
    @Option(help: ArgumentHelp("Id of the activity that blocks this one.", valueName: "activity-id")) var blockedBy: String?
    @Option(help: ArgumentHelp("Id of the activity this one blocks.", valueName: "activity-id")) var blocking: String?
    @Option(help: "Call transcript.") var transcript: String?
    @Option(help: ArgumentHelp("When it should be done, read as --booked-at is (an empty value clears it).", valueName: "time"))
    var due: String?
    @Option(help: ArgumentHelp("Minutes spent (calls, visits, notes), for the PRTF report.", valueName: "minutes")) var duration: String?
    @Option(help: ArgumentHelp("Whether the outreach reached the member (calls, SMS, emails, visits).", valueName: "successful|unsuccessful"))
    var outcome: String?

    /// The members of the `activity` object these flags give; an empty string gives null.
    var members: [String: JSONValue] {
        let pairs: [(ActivityField, String?)] = [
            (.activityType, activityType?.rawValue), (.status, status?.rawValue), (.message, message), (.subject, subject),
            (.body, body), (.assignedToID, assignedTo), (.emailTo, emailTo), (.bookedAt, bookedAt),
            (.occurredAt, occurredAt), (.voiceCallID, voiceCallId), (.textMessageID, textMessageId),
            (.parentID, parent), (.blockedByID, blockedBy), (.blockingID, blocking), (.transcript, transcript), (.dueAt, due),
            (.duration, duration), (.outcome, outcome),
        ]
        var object: [String: JSONValue] = [:]
        for case let (field, value?) in pairs {
            object[field.rawValue] = value.isEmpty ? .null : .string(field.kind == .timestamp ? Self.utc(value) : value)
        }
        if !emailAttachments.isEmpty { object["email_attachments"] = .array(emailAttachments.map(JSONValue.string)) }
        return object
    }

    /// A time typed on the command line as the API's UTC form: without an offset it is the user's
    /// local time (`WallClock`, as in the UI). What is not a time goes on as typed, for the
    /// validator to name.
    static func utc(_ text: String) -> String {
        WallClock.parse(text, .current)?.iso8601 ?? text
    }

    /// The input: from the flags when any is given, else from a request body on stdin.
    func input() throws(BackendError) -> ActivityInput {
        let members = self.members
        if !members.isEmpty { return ActivityInput(json: members) }
        guard isatty(STDIN_FILENO) == 0 else {
            throw .badRequest("Give the activity's fields as flags (see --help), or pipe a request body {\"activity\": {...}} on stdin")
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return try ActivityInput.decodeRequest(data)
    }
}
