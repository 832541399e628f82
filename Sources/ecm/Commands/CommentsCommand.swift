import ArgumentParser
import ECMDomain

/// `ecm comments add|list`.
struct CommentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comments", abstract: "Read and add comments on an activity.", subcommands: [Add.self, List.self])

    /// `--patient ID --activity ID`.
    struct Target: ParsableArguments {
        @Option(help: ArgumentHelp("The patient's id.", valueName: "patient-id")) var patient: Int64
        @Option(help: ArgumentHelp("The activity's id.", valueName: "activity-id")) var activity: Int64
    }

    /// `ecm comments add --patient ID --activity ID --body TEXT`: prints the new comment's id.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a comment; prints the new id.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var target: Target
        @Option(help: "The comment; - reads it from stdin.") var body: String

        func run() async throws {
            let comment = try await reportingErrors(json: output.json) { () throws(BackendError) in
                let text = body == "-" ? try StandardInput.text() : body
                return try await backend.backend().addComment(patientID: target.patient, activityID: target.activity, body: text)
            }
            output.json ? Output.json(CommentBody(comment)) : Output.line(String(comment.id))
        }
    }

    /// `ecm comments list --patient ID --activity ID`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an activity's comments, oldest first.")

        @OptionGroup var backend: BackendOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var target: Target
        @Option(help: "Page number (from 1).") var page: Int = 1
        @Option(help: "Comments per page (max 100).") var perPage: Int = PageRequest.defaultSize

        func run() async throws {
            let result = try await reportingErrors(json: output.json) { () throws(BackendError) in
                try await backend.backend().comments(
                    patientID: target.patient, activityID: target.activity, page: PageRequest(page: page, size: perPage))
            }
            if output.json { return Output.json(CommentsBody(result)) }
            for comment in result.items { Output.line(ActivityText.comment(comment)) }
            Output.line(Formatting.footer(result.pagination, noun: "comments"))
        }
    }
}
