import ECMDomain
import Testing

/// The address an email activity is sent to: what a mail server takes in `RCPT TO`, nothing
/// that could carry a second header.
struct EmailAddressTests {
    @Test(arguments: [
        "parent@example.com", "maria.pena+care@clinic.example.org", "o'brien@example.co.uk", "a@b.io",
        "x_y-z@sub-domain.example.com", "1234@example.com", "{}|~!#$%&*=?^`@example.com",
    ])
    func acceptsAddresses(_ address: String) {
        #expect(EmailAddress.isValid(address))
    }

    @Test(arguments: [
        "[email protected]", "", "parent", "parent@", "@example.com", "parent@example", "parent@@example.com",
        "parent@example.com\r\nBcc: everyone@example.com", "parent@example.com\nX: y", "pa rent@example.com",
        " parent@example.com", "parent@example.com ", "Parent <parent@example.com>", "a@example.com, b@example.com",
        ".parent@example.com", "parent.@example.com", "pa..rent@example.com", "parent@-example.com",
        "parent@example-.com", "parent@example..com", "parent@192.168.0.1", "parent@[192.168.0.1]",
        "\"quoted\"@example.com", "peña@example.com", "parent@exämple.com", "parent@example.com\u{0}",
        String(repeating: "a", count: 65) + "@example.com", "a@" + String(repeating: "b", count: 64) + ".com",
        "a@" + String(repeating: "abcdefghi.", count: 25) + "com",
    ])
    func refusesWhatIsNoAddress(_ text: String) {
        #expect(!EmailAddress.isValid(text))
    }

    @Test func theValidatorNamesTheField() {
        var input = ActivityInput()
        input.activityType = .value("email")
        input.emailTo = .value("parent@example.com\r\nBcc: everyone@example.com")
        input.body = .value("Dear Parent")
        input.assignedToID = .value(1)
        #expect(ActivityValidator.messages(for: ActivityDraft(creating: input)) == ["Email to is invalid"])
        input.emailTo = .value("parent@example.com")
        #expect(ActivityValidator.messages(for: ActivityDraft(creating: input)) == [])
        input.emailTo = .value("  ")
        #expect(ActivityValidator.messages(for: ActivityDraft(creating: input)) == ["Email to can't be blank"])
    }

    @Test func messageIDsAreUniqueAndNameTheActivity() {
        let first = EmailDelivery.newMessageID(activityID: 42, host: "clinic.example")
        let second = EmailDelivery.newMessageID(activityID: 42, host: "clinic.example")
        #expect(first != second)
        #expect(first.hasPrefix("<ecm.42.") && first.hasSuffix("@clinic.example>"))
        #expect(!EmailDelivery.hostName.isEmpty && EmailDelivery.hostName.allSatisfy { $0.isASCII && !$0.isWhitespace })
    }
}
