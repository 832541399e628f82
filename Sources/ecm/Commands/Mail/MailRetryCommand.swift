import ArgumentParser
import ECMDomain

/// `ecm mail retry ACTIVITY_ID`: a failed email is due again now.
struct MailRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Try a failed email again now (its tries counted afresh).")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @Argument(help: ArgumentHelp("The email activity's id.", valueName: "activity-id")) var activityID: Int64

    func run() async throws {
        let item = try await reportingErrors(json: output.json) { () throws(BackendError) in
            try await backend.backend().retryEmail(activityID: activityID)
        }
        if output.json { return Output.json(EmailDeliveryBody(item)) }
        Output.line("Email \(item.activityID) will be tried again now.")
    }
}
