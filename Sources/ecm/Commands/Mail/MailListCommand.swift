import ArgumentParser
import ECMDomain

/// `ecm mail list [--status S]`: deliveries, newest first.
struct MailListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Email deliveries, newest first.")

    @OptionGroup var backend: BackendOptions
    @OptionGroup var output: OutputOptions
    @Option(help: "Only pending, sent, failed or cancelled ones.") var status: String?
    @Option(help: "Page number (from 1).") var page: Int = 1
    @Option(help: "Deliveries per page (max 100).") var pageSize: Int = PageRequest.defaultSize

    func run() async throws {
        let result = try await reportingErrors(json: output.json) { () throws(BackendError) in
            var parameters = ["page": String(page), "page_size": String(pageSize)]
            if let status { parameters["status"] = status }
            return try await backend.backend().emailDeliveries(try EmailDeliveryQuery(parameters: parameters))
        }
        if output.json { return Output.json(EmailDeliveriesBody(result)) }
        var table = TextTable("ACTIVITY", "PATIENT", "TO", "STATUS", "TRIES", "WHEN", "LAST ERROR")
        for item in result.items {
            let delivery = item.delivery
            let when = delivery.sentAt ?? delivery.nextAttemptAt
            table.add(
                String(item.activityID), item.patientName, item.emailTo ?? "—", delivery.status.rawValue, String(delivery.attempts),
                when.map(Formatting.when) ?? "—", delivery.lastError ?? "")
        }
        if !result.items.isEmpty { Output.line(table.render()) }
        Output.line(Formatting.footer(result.pagination, noun: "email deliveries"))
    }
}
