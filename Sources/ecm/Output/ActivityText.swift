import ECMDomain

/// An activity written out for people: every field that has a value, then comments, subtasks
/// and the event.
enum ActivityText {
    static func detail(_ a: ActivityDetail) -> String {
        var lines: [String] = []
        func field(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            lines.append("\(name.padded(toWidth: 14)) \(TerminalSafe.line(value))")
        }
        lines.append("\(a.activityType.label) \(a.id) · \(a.status.rawValue) · \(TerminalSafe.line(a.patientName)) (patient \(a.patientID))")
        field("Message", a.message)
        field("Subject", a.subject)
        field("Occurred", Formatting.when(a.occurredAt))
        field("Booked", a.bookedAt.map(Formatting.when))
        field("Due", a.dueAt.map(Formatting.when))
        field("Duration", a.duration.map { "\($0) min" })
        field("Outcome", a.outcome?.rawValue)
        field("Email to", a.emailTo)
        field("Attachments", a.emailAttachments.isEmpty ? nil : a.emailAttachments.joined(separator: ", "))
        field("Voice call", a.voiceCallID.map(String.init))
        field("Text message", a.textMessageID.map(String.init))
        field("Performed by", a.performedByName)
        field("Assigned to", a.assignedToName)
        field("Parent", a.parentID.map { "activity \($0)" })
        field("Blocked by", a.blockedByID.map { "activity \($0)" })
        field("Blocking", a.blockingID.map { "activity \($0)" })
        field("Created", Formatting.when(a.createdAt))
        field("Updated", Formatting.when(a.updatedAt))
        if let event = a.event {
            field("Event", "\(event.id) · \(event.eventType.rawValue) · \(event.status.rawValue)" + (event.duration.map { " · \($0) min" } ?? ""))
        }
        for (title, text) in [("Body", a.body), ("Transcript", a.transcript)] {
            guard let text, !text.isEmpty else { continue }
            lines.append("")
            lines.append("\(title):")
            lines.append(contentsOf: TerminalSafe.block(text).split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 })
        }
        if !a.subtasks.isEmpty {
            lines.append("")
            lines.append("Subtasks:")
            for task in a.subtasks {
                let box = task.status == .complete ? "[x]" : task.status == .cancelled ? "[-]" : "[ ]"
                lines.append("  \(box) \(task.id) \(TerminalSafe.line(task.headline))")
            }
        }
        if !a.comments.isEmpty {
            lines.append("")
            lines.append("Comments:")
            for comment in a.comments { lines.append(self.comment(comment)) }
        }
        return lines.joined(separator: "\n")
    }

    static func comment(_ c: Comment) -> String {
        let body = TerminalSafe.block(c.body).split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        return (["  \(TerminalSafe.line(c.userName)) · \(Formatting.when(c.createdAt)) · #\(c.id)"] + body).joined(separator: "\n")
    }
}
