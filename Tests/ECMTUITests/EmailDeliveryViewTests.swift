import ECMDomain
import ECMTUI
import Testing

/// An email's delivery where a coordinator looks: a marker in the timeline (failed in the error
/// style) and a line in the detail saying when it left, when it is tried again, or why it failed.
struct EmailDeliveryViewTests {
    static func timeline(with status: EmailDeliveryStatus?, size: Size = Size(width: 160, height: 48)) -> Harness {
        var harness = Harness(size: size)
        // The second row: the first is selected, and the selection's style covers the row.
        harness.answerFetches { page in
            page.items[1].activityType = .email
            page.items[1].emailStatus = status
        }
        harness.press(.enter)
        return harness
    }

    @Test(arguments: [(EmailDeliveryStatus.failed, "✉ FAILED"), (.pending, "✉ pending"), (.sent, "✉ sent"), (.cancelled, "✉ cancelled")])
    func theTimelineMarksAnEmailsDelivery(_ status: EmailDeliveryStatus, _ marker: String) {
        let harness = Self.timeline(with: status)
        let rendered = View.render(harness.state).buffer
        let lines = rendered.plainText.split(separator: "\n", omittingEmptySubsequences: false)
        guard let row = lines.firstIndex(where: { $0.contains(marker) }) else {
            Issue.record("no \(marker) in\n\(rendered.plainText)")
            return
        }
        let column = lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: marker)!.lowerBound)
        let cell = rendered.cells[row * rendered.size.width + column + 2]
        if status == .failed {
            #expect(cell.style.role == .error && cell.style.bold, "a failed email is in the error style")
        } else {
            #expect(cell.style.role != .error)
        }
    }

    @Test func aTaskHasNoMarker() {
        let harness = Self.timeline(with: nil)
        #expect(!harness.screen.contains("✉"))
    }

    @Test func theDetailSaysWhereTheMessageIs() {
        var harness = Self.timeline(with: .failed)
        var detail = Fixtures.detail(of: Fixtures.activity(12, type: .email))
        detail.emailTo = "parent@example.com"
        detail.emailDelivery = EmailDelivery(
            status: .failed, attempts: 1, lastError: "the mail server said: 550 5.7.1 Recipient address rejected",
            messageID: "<ecm.12.1@clinic.example>")
        harness.send(.fetched(.detail(patientID: 1, id: 12, generation: harness.state.detailGeneration), .success(.detail(detail))))
        let line = harness.state.detailLines(width: 100).first { $0.label == "Email" }
        #expect(line?.value == "FAILED after 1 try: the mail server said: 550 5.7.1 Recipient address rejected")
        #expect(line?.style.role == .error)
        detail.emailDelivery = EmailDelivery(status: .pending, attempts: 0, nextAttemptAt: Fixtures.now, messageID: "<x@y>")
        harness.send(.fetched(.detail(patientID: 1, id: 12, generation: harness.state.detailGeneration), .success(.detail(detail))))
        #expect(harness.state.detailLines(width: 100).first { $0.label == "Email" }?.value == "pending · sending")
        detail.emailDelivery = EmailDelivery(status: .sent, attempts: 2, sentAt: Fixtures.now, messageID: "<x@y>")
        harness.send(.fetched(.detail(patientID: 1, id: 12, generation: harness.state.detailGeneration), .success(.detail(detail))))
        #expect(harness.state.detailLines(width: 100).first { $0.label == "Email" }?.value.hasPrefix("sent ") == true)
        #expect(harness.state.detailLines(width: 100).first { $0.label == "Email" }?.value.hasSuffix(" · 2 tries") == true)
    }

    /// `:retry` on the selected email: a write when its delivery failed; otherwise a message.
    @Test func retryTriesAFailedEmailAgainAndRefusesAnyOther() {
        for status in [EmailDeliveryStatus.failed, .sent, nil] {
            var harness = Harness()
            harness.answerFetches { page in
                page.items[0].activityType = .email
                page.items[0].emailStatus = status
            }
            harness.press(.enter)
            let id = harness.state.selectedActivity?.id ?? -1
            harness.press(.character(":"))
            harness.type("retry")
            let effects = harness.press(.enter)
            if status == .failed {
                #expect(effects == [.write(.retryEmail(activityID: id))])
                let item = EmailDeliveryItem(
                    activityID: id, patientID: 1, patientName: "José Núñez García", emailTo: "parent@example.com", subject: nil,
                    delivery: EmailDelivery(status: .pending, messageID: "<x@y>"), createdAt: Fixtures.now)
                let after = harness.send(.wrote(.retryEmail(activityID: id), .success(.emailRetried(item))))
                #expect(harness.state.status == AppState.StatusMessage(text: "Email \(id) will be tried again now", isError: false))
                #expect(after.contains { if case .fetch(.page(.timeline, _)) = $0 { true } else { false } }, "the timeline is read again")
            } else {
                #expect(effects.isEmpty)
                #expect(harness.state.status == AppState.StatusMessage(text: "Only a failed email can be tried again", isError: true))
            }
        }
    }
}

/// On a local store without a mail transport nothing sends email: the UI says so when the
/// email is recorded and in its detail, instead of "sending".
struct EmailNotSentNoticeTests {
    static func harness(_ sending: AppState.EmailSending) -> Harness {
        var harness = Harness()
        harness.state.configuration.emailSending = sending
        harness.answerFetches()
        harness.press(.enter)
        return harness
    }

    static func created() -> ActivityDetail {
        var detail = Fixtures.detail(of: Fixtures.activity(77, type: .email))
        detail.emailTo = "parent@example.com"
        detail.emailDelivery = EmailDelivery(status: .pending, attempts: 0, nextAttemptAt: Fixtures.now, messageID: "<ecm.77.1@x>")
        return detail
    }

    @Test func creatingAnEmailThatNothingSendsSaysSo() {
        var harness = Self.harness(.notConfigured)
        harness.send(.wrote(.create(patientID: 1, input: ActivityInput()), .success(.activity(Self.created()))))
        #expect(harness.state.status?.text == "Created email 77 · not sent: no mail transport (ecm --mail-transport …, or ecm mail deliver)")
        #expect(harness.state.status?.isError == true)
        harness.send(.fetched(.detail(patientID: 1, id: 77, generation: harness.state.detailGeneration), .success(.detail(Self.created()))))
        #expect(harness.state.detailLines(width: 120).first { $0.label == "Email" }?.value
            == "pending · not sent: no mail transport (ecm --mail-transport …, or ecm mail deliver)")
    }

    @Test func withSendingConfiguredItIsJustCreated() {
        var harness = Self.harness(.configured)
        harness.send(.wrote(.create(patientID: 1, input: ActivityInput()), .success(.activity(Self.created()))))
        #expect(harness.state.status?.text == "Created email 77")
        #expect(harness.state.status?.isError == false)
    }
}
