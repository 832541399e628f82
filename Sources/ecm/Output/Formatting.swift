import ECMDomain

/// How the CLI writes values for people (JSON output never goes through here).
enum Formatting {
    /// `2024-11-20 10:00` (UTC).
    static func when(_ timestamp: Timestamp) -> String {
        let text = timestamp.iso8601
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(5))
    }

    static func footer(_ pagination: Pagination, noun: String) -> String {
        "page \(pagination.currentPage) of \(max(pagination.totalPages, 1)) (\(pagination.totalCount) \(noun))"
    }

    static func progress(_ summary: ActivitySummary) -> String {
        summary.subtasksCount > 0 ? "\(summary.subtasksCompletedCount)/\(summary.subtasksCount)" : ""
    }
}
