import ECMDomain
import ECMTUI
import Testing

/// What the screen says: which patient a form writes to, what a field wants, which keys apply.
struct ScreenWordingTests {
    static func onTheTimeline(_ size: Size = Size(width: 80, height: 24)) -> Harness {
        var harness = Harness(size: size)
        harness.answerFetches()
        harness.press(.enter)
        return harness
    }

    @Test func theDetailAt80x24ShowsTheBodyAndNoFieldsTheTypeDoesNotUse() {
        var harness = Self.onTheTimeline()
        harness.press(.enter)
        let screen = harness.screen
        #expect(screen.contains("Patient reported feeling better"), "\(screen)")
        for unused in ["Booked", "Email to", "Voice call", "Text message", "Blocked by", "Parent"] {
            #expect(!screen.contains(unused + " "), "\(unused) shown for a task:\n\(screen)")
        }
        #expect(screen.contains("Message       Follow up with patient about medication"))
    }

    @Test func requiredFieldsOfTheTypeShowEvenWhenEmpty() {
        var harness = Self.onTheTimeline()
        var detail = Fixtures.detail(of: Fixtures.activity(12))
        detail.message = nil
        harness.send(.fetched(.detail(patientID: 1, id: 12, generation: harness.state.detailGeneration), .success(.detail(detail))))
        #expect(harness.state.detailLines(width: 70).contains { $0.label == "Message" && $0.value == "—" })
    }

    @Test func newFormsAndTheCommentEditorNameThePatient() {
        var harness = Self.onTheTimeline()
        harness.press(.character("n"), .character("n"))
        #expect(harness.screen.contains("New note for José Núñez García"))
        harness.press(.escape, .character("n"), .character("c"))
        #expect(harness.screen.contains("New call for José Núñez García"))
        harness.press(.escape, .character("c"))
        #expect(harness.screen.contains("Comment on task 12 for José Núñez García"))
    }

    @Test func theSMSAndCallFormsSayWhatTheirIdIs() {
        var harness = Self.onTheTimeline()
        harness.press(.character("n"), .character("s"))
        #expect(harness.screen.contains("Text message *"))
        #expect(harness.screen.contains("the message's id in the communications system"))
        harness.press(.escape, .character("n"), .character("c"))
        #expect(harness.screen.contains("Voice call *"))
        #expect(harness.screen.contains("the call's id in the communications system"))
    }

    @Test func helpInTheQueueIsTitledMyQueue() {
        var harness = Harness(size: Size(width: 160, height: 48))
        harness.answerFetches()
        harness.press(.character("m"))
        harness.answerFetches()
        harness.press(.character("?"))
        #expect(harness.screen.contains("Keys — My queue"))
        #expect(!harness.screen.contains("Keys — Patients"))
    }
}
