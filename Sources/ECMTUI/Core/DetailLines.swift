import ECMDomain

/// The detail pane as lines: every field of the API's detail shape, then the body. Update uses
/// it to bound the cursor and to follow links; the view draws it.
public struct DetailLine: Sendable, Equatable {
    public var label: String
    public var value: String
    /// An activity the line links to (parent, blocked by, blocking): Enter follows it.
    public var link: Int64?
    public var style: Style = .normal
}

extension AppState {
    /// Width of the detail pane's content.
    var detailWidth: Int { max(10, (layout.rect(.detail)?.width ?? size.width) - 2) }

    public func detailLines(width: Int) -> [DetailLine] {
        guard let a = detail else { return [] }
        func time(_ t: Timestamp?) -> String { t.map { Clock.dateTimeWithZone($0, configuration.timeZone) } ?? "—" }
        func text(_ s: String?) -> String { s.map { TerminalSafe.line($0) } ?? "—" }
        func id(_ i: Int64?) -> String { i.map(String.init) ?? "—" }
        var lines: [DetailLine] = [
            DetailLine(label: "", value: "\(a.activityType.label) \(a.id) · \(a.status.label) · \(a.patientName)", style: .title),
            DetailLine(label: "Message", value: text(a.message)),
            DetailLine(label: "Subject", value: text(a.subject)),
            DetailLine(label: "Occurred", value: time(a.occurredAt)),
            DetailLine(label: "Booked", value: time(a.bookedAt)),
            DetailLine(label: "Email to", value: text(a.emailTo)),
        ]
        if !a.emailAttachments.isEmpty {
            lines.append(DetailLine(label: "Attachments", value: a.emailAttachments.joined(separator: ", ")))
        }
        lines += [
            DetailLine(label: "Patient", value: "\(a.patientName) (\(a.patientID))"),
            DetailLine(label: "Performed by", value: a.performedByName),
            DetailLine(label: "Assigned to", value: text(a.assignedToName)),
            DetailLine(label: "Parent", value: a.parentID.map { "→ activity \($0)" } ?? "—", link: a.parentID),
            DetailLine(label: "Blocked by", value: a.blockedByID.map { "→ activity \($0)" } ?? "—", link: a.blockedByID),
            DetailLine(label: "Blocking", value: a.blockingID.map { "→ activity \($0)" } ?? "—", link: a.blockingID),
            DetailLine(label: "Voice call", value: id(a.voiceCallID)),
            DetailLine(label: "Text message", value: id(a.textMessageID)),
        ]
        if let event = a.event {
            let duration = event.duration.map { " · \($0) min" } ?? ""
            lines.append(DetailLine(label: "Event", value: "\(event.id) · \(event.eventType.label) · \(event.status.label)\(duration)"))
        } else {
            lines.append(DetailLine(label: "Event", value: "—"))
        }
        lines += [
            DetailLine(label: "Comments", value: "\(a.comments.count)"),
            DetailLine(label: "Subtasks", value: "\(a.subtasks.filter { $0.status == .complete }.count)/\(a.subtasks.count) done"),
            DetailLine(label: "Created", value: time(a.createdAt)),
            DetailLine(label: "Updated", value: time(a.updatedAt)),
        ]
        for (title, body) in [("Body", a.body), ("Transcript", a.transcript)] {
            guard let body, !body.isEmpty else { continue }
            lines.append(DetailLine(label: title, value: "", style: .title))
            lines += Wrap.lines(body, width: width).map { DetailLine(label: "", value: $0) }
        }
        return lines
    }
}

extension ActivityStatus {
    /// How the UI writes a status: the API's own word (created, complete, cancelled), as the CLI,
    /// the filter and `:filter status=` do, so one word means one thing everywhere.
    public var label: String { rawValue }
}
