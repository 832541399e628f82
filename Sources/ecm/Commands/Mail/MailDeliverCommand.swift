import ArgumentParser
import ECMDomain
import ECMMail
import Foundation

/// `ecm mail deliver`: sends what the local store's outbox holds due, once (cron, a systemd timer).
struct MailDeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Send the email messages of the local store that are due, once, and exit.",
        discussion: "For cron or a systemd timer. On a server, ecm-server serve delivers instead.")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var mail: MailOptions

    func run() async throws {
        let database = try await reportingErrors(json: false) { () throws(BackendError) in try backend.openStore() }
        let worker: DeliveryWorker
        do throws(MailSetupError) {
            guard let configured = try mail.makeWorker(store: database) else {
                throw MailSetupError("no --mail-transport (or ECM_MAIL_TRANSPORT): nothing can be sent")
            }
            worker = configured
        } catch {
            FileHandle.standardError.write(Data("ecm: \(error.description)\n".utf8))
            throw ExitCode(ExitStatus.usage.rawValue)
        }
        let tried = try await reportingErrors(json: false) { () throws(BackendError) in try await worker.deliverDue() }
        let summary = try await reportingErrors(json: false) { () throws(BackendError) in try await database.emailOutboxSummary() }
        Output.line("Tried \(tried) message\(tried == 1 ? "" : "s"); \(summary.pending) pending, \(summary.failed) failed.")
    }
}
