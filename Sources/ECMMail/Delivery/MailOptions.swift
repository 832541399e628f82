import ArgumentParser
import ECMDomain
import Foundation
import Logging

/// How email activities' messages leave: the options of `ecm-server serve`, and of `ecm` for
/// its own store (`ecm mail deliver`, the UI).
public struct MailOptions: ParsableArguments {
    public init() {}

    @Option(
        help: ArgumentHelp(
            "Where email leaves: smtp://USER@HOST:587 (STARTTLS required), smtps://USER@HOST:465, sendmail:///usr/sbin/sendmail or file:///DIRECTORY. Env ECM_MAIL_TRANSPORT. Without one, emails stay pending.",
            valueName: "url"))
    public var mailTransport: String?

    @Option(help: ArgumentHelp("The sender, \"Clinic Care Team <care@clinic.example>\". Env ECM_MAIL_FROM. Required with a transport.", valueName: "address"))
    var mailFrom: String?

    @Option(help: ArgumentHelp("A file (mode 600) holding the SMTP password. Env ECM_MAIL_PASSWORD_FILE.", valueName: "path"))
    var mailPasswordFile: String?

    @Option(help: ArgumentHelp("PEM certificates to trust for the mail server (a private CA).", valueName: "path"))
    var mailCaFile: String?

    @Option(help: ArgumentHelp("The first delay before a failed message is tried again; each next one doubles, up to 4h, for about a day.", valueName: "duration"))
    var mailRetryBase = "30s"

    @Option(
        help: ArgumentHelp(
            "How long a server holds a message it is sending; one held by a server that died is sent after this. Keep it longer than a try lasts (about 150 s).",
            valueName: "duration"))
    var mailLease = "10m"

    public func validate() throws {
        guard RetrySchedule.duration(mailRetryBase) != nil else { throw ValidationError("--mail-retry-base: write a duration such as 30s, 5m or 1h") }
        guard let lease = RetrySchedule.duration(mailLease), lease >= .seconds(1) else {
            throw ValidationError("--mail-lease: write a duration of at least 1s, such as 10m")
        }
    }

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The worker to run, or nil when no transport is configured; a one-line error for a
    /// transport that cannot be set up.
    /// `fallback` is the transport and sender used when none is configured (the demo's files).
    public func makeWorker(
        store: any EmailOutboxStore, fallback: (transport: String, from: String)? = nil, logger: Logger = Logger(label: "ecm.mail")
    ) throws(MailSetupError) -> DeliveryWorker? {
        guard let url = mailTransport ?? environment["ECM_MAIL_TRANSPORT"] ?? fallback?.transport, !url.isEmpty else { return nil }
        guard let fromText = mailFrom ?? environment["ECM_MAIL_FROM"] ?? fallback?.from else {
            throw MailSetupError("--mail-from is required with --mail-transport: the address messages come from")
        }
        guard let sender = MailSender(fromText) else { throw MailSetupError("--mail-from: not an address: \(fromText)") }
        let options = MailTransportOptions(
            url: url, passwordFile: mailPasswordFile ?? environment["ECM_MAIL_PASSWORD_FILE"], caFile: mailCaFile)
        let transport = try options.makeTransport()
        let base = RetrySchedule.duration(mailRetryBase) ?? .seconds(30)
        let lease = RetrySchedule.duration(mailLease) ?? DeliveryWorker.defaultLease
        return DeliveryWorker(
            store: store, transport: transport, sender: sender, schedule: RetrySchedule(base: base), lease: lease, logger: logger)
    }
}
