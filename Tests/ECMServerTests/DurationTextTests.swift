import ECMServer
import Testing

/// The duration syntax of `ecm-server serve`'s timeout options.
struct DurationTextTests {
    @Test func wholeNumbersWithAUnit() {
        #expect(DurationText.parse("500ms") == .milliseconds(500))
        #expect(DurationText.parse("90s") == .seconds(90))
        #expect(DurationText.parse("15m") == .seconds(900))
        #expect(DurationText.parse("12h") == .seconds(43_200))
    }

    @Test(arguments: ["", "s", "10", "0s", "-5s", "1.5s", "10 s", "10S", "1d", "٣s", "9999999h"])
    func anythingElseIsRefused(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func formattedDefaultsReadBack() {
        for duration in [Duration.seconds(10), .seconds(60), .milliseconds(250)] {
            #expect(DurationText.parse(DurationText.format(duration)) == duration)
        }
        #expect(DurationText.format(.seconds(60)) == "60s")
    }
}
