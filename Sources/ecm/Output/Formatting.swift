import ECMDomain

/// How the CLI writes values for people (JSON output never goes through here).
enum Formatting {
    /// `2024-11-20 02:00 PST`: in the user's zone (`TZ`), naming it.
    static func when(_ timestamp: Timestamp) -> String {
        WallClock.dateTimeWithZone(timestamp, .current)
    }

    static func footer(_ pagination: Pagination, noun: String) -> String {
        "page \(pagination.currentPage) of \(max(pagination.totalPages, 1)) (\(pagination.totalCount) \(noun))"
    }

    static func progress(_ summary: ActivitySummary) -> String {
        summary.subtasksCount > 0 ? "\(summary.subtasksCompletedCount)/\(summary.subtasksCount)" : ""
    }
}
