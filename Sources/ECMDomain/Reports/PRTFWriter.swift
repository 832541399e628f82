import Foundation

/// Turns members, one at a time, into the report's lines by a template, counting who is listed
/// and which columns were empty for how many of them. It holds no member: memory stays flat in
/// the number of members, whatever the store streams through it.
public struct PRTFWriter: Sendable {
    public let template: [PRTFColumn]
    public let request: PRTFRequest
    public let period: PRTFPeriod
    public private(set) var listed = 0
    private var emptyCounts: [Int]

    public init(request: PRTFRequest, zone: TimeZone, template: [PRTFColumn] = PRTFColumn.prtf) {
        self.template = template
        self.request = request
        period = PRTFPeriod(start: request.startDate, end: request.endDate, zone: zone)
        emptyCounts = Array(repeating: 0, count: template.count)
    }

    public var headerLine: String { CSVLine.make(template.map(\.header)) }

    /// The member's line, or nil when the rule leaves them out.
    public mutating func line(for member: PRTFMember) -> String? {
        let tally = PRTFRule.tally(member, period: period)
        guard PRTFRule.isListed(member, tally: tally, period: period) else { return nil }
        listed += 1
        var cells: [String?] = []
        cells.reserveCapacity(template.count)
        for (index, column) in template.enumerated() {
            let cell = column.cell(member, tally: tally, request: request)
            if cell?.isEmpty ?? true { emptyCounts[index] += 1 }
            cells.append(cell)
        }
        return CSVLine.make(cells)
    }

    /// Header → members it was empty for, for the columns that were empty at all.
    public var emptyColumns: [String: Int] {
        var columns: [String: Int] = [:]
        for (index, count) in emptyCounts.enumerated() where count > 0 { columns[template[index].header] = count }
        return columns
    }
}
