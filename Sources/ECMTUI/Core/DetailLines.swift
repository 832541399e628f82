import ECMDomain

/// The detail pane as lines: the fields that apply to the type, then the body. Update uses
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

    /// The title, the fields that apply to the type or have a value, the body, then who and
    /// when. Comment and subtask counts are in their panes' titles, beside the detail.
    public func detailLines(width: Int) -> [DetailLine] {
        guard let a = detail else { return [] }
        func time(_ t: Timestamp?) -> String { t.map { Clock.dateTimeWithZone($0, configuration.timeZone) } ?? "—" }
        func link(_ label: String, _ id: Int64?) -> DetailLine? {
            id.map { DetailLine(label: label, value: "→ activity \($0)", link: $0) }
        }
        let required = Set(ActivityField.required(for: a.activityType))
        /// A field of the type's: shown when it has a value or the type requires it.
        func field(_ field: ActivityField, _ label: String, _ value: String?) -> DetailLine? {
            guard value != nil || required.contains(field) else { return nil }
            return DetailLine(label: label, value: value.map { TerminalSafe.line($0) } ?? "—")
        }
        var lines = patientHeader(a, width: width)
        lines.append(DetailLine(label: "", value: "\(a.activityType.label) \(a.id) · \(a.status.label)", style: .title))
        lines += [
            field(.message, "Message", a.message),
            field(.subject, "Subject", a.subject),
            field(.emailTo, "Email to", a.emailTo),
            a.emailAttachments.isEmpty ? nil : DetailLine(label: "Attachments", value: a.emailAttachments.joined(separator: ", ")),
            field(.bookedAt, "Booked", a.bookedAt.map { Clock.dateTimeWithZone($0, configuration.timeZone) }),
            field(.dueAt, "Due", a.dueAt.map { Clock.dateTimeWithZone($0, configuration.timeZone) }),
            field(.duration, "Duration", a.duration.map { "\($0) min" }),
            field(.outcome, "Outcome", a.outcome?.rawValue.capitalized),
            field(.voiceCallID, "Voice call", a.voiceCallID.map(String.init)),
            field(.textMessageID, "Text message", a.textMessageID.map(String.init)),
            DetailLine(label: "Occurred", value: time(a.occurredAt)),
            DetailLine(label: "Assigned to", value: a.assignedToName.map { TerminalSafe.line($0) } ?? "—"),
            link("Parent", a.parentID),
            link("Blocked by", a.blockedByID),
            link("Blocking", a.blockingID),
        ].compactMap { $0 }
        for (title, body) in [("Body", a.body), ("Transcript", a.transcript)] {
            guard let body, !body.isEmpty else { continue }
            lines.append(DetailLine(label: title, value: "", style: .title))
            lines += Wrap.lines(body, width: width).map { DetailLine(label: "", value: $0) }
        }
        if let delivery = a.emailDelivery { lines.append(deliveryLine(delivery, time: time)) }
        lines.append(DetailLine(label: "Performed by", value: a.performedByName))
        if let event = a.event {
            let duration = event.duration.map { " · \($0) min" } ?? ""
            lines.append(DetailLine(label: "Event", value: "\(event.id) · \(event.eventType.label) · \(event.status.label)\(duration)"))
        }
        lines.append(DetailLine(label: "Created", value: time(a.createdAt) + (a.updatedAt == a.createdAt ? "" : " · updated " + time(a.updatedAt))))
        return lines
    }
}

extension AppState {
    /// Who the activity is for, in up to 3 lines (`MemberText.header`): the timeline's
    /// patient's record, or the patients list's, else their name alone.
    func patientHeader(_ a: ActivityDetail, width: Int) -> [DetailLine] {
        let known = patient?.id == a.patientID ? patient : patients.loadedIndex(of: a.patientID).flatMap { patients.item(at: $0) }
        var shown = known ?? Patient(id: a.patientID, name: a.patientName)
        if shown.name.isEmpty { shown.name = a.patientName }
        let lead = shown.member.leadCareManagerID.flatMap { id in users.first { $0.id == id }?.name }
        return MemberText.header(shown, leadName: lead, width: width).enumerated().map { index, line in
            DetailLine(label: "", value: line, style: index == 0 ? Style(.accent, bold: true) : .dim)
        }
    }

    /// Where an email's message is, in one line: sent when, waiting for which try, or why it failed.
    func deliveryLine(_ delivery: EmailDelivery, time: (Timestamp?) -> String) -> DetailLine {
        let tries = delivery.attempts == 1 ? "1 try" : "\(delivery.attempts) tries"
        let error = delivery.lastError.map { ": " + TerminalSafe.line($0) } ?? ""
        switch delivery.status {
        case .sent:
            return DetailLine(label: "Email", value: "sent \(time(delivery.sentAt)) · \(tries)", style: Style(.success))
        case .pending where configuration.emailSending == .notConfigured:
            return DetailLine(label: "Email", value: "pending · \(EmailSending.notSentText)", style: Style(.warning))
        case .pending:
            let next = delivery.attempts == 0 ? "sending" : "next try \(time(delivery.nextAttemptAt)) · \(tries)\(error)"
            return DetailLine(label: "Email", value: "pending · \(next)", style: Style(.warning))
        case .failed:
            return DetailLine(label: "Email", value: "FAILED after \(tries)\(error)", style: Style(.error, bold: true))
        case .cancelled:
            return DetailLine(label: "Email", value: "cancelled: not sent", style: .dim)
        }
    }
}

extension ActivityStatus {
    /// How the UI writes a status: the API's own word (created, complete, cancelled), as the CLI,
    /// the filter and `:filter status=` do, so one word means one thing everywhere.
    public var label: String { rawValue }
}
