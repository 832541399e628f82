/// The API's `pagination` object.
public struct Pagination: Hashable, Sendable {
    public var currentPage: Int
    public var totalPages: Int
    public var totalCount: Int
    public var perPage: Int

    public init(currentPage: Int, totalPages: Int, totalCount: Int, perPage: Int) {
        self.currentPage = currentPage
        self.totalPages = totalPages
        self.totalCount = totalCount
        self.perPage = perPage
    }

    /// The pagination of `page` when `totalCount` items are split `perPage` at a time.
    public init(page: Int, perPage: Int, totalCount: Int) {
        self.init(
            currentPage: page, totalPages: perPage > 0 ? (totalCount + perPage - 1) / perPage : 0,
            totalCount: totalCount, perPage: perPage)
    }

    public var hasNextPage: Bool { currentPage < totalPages }
}

extension Pagination: Decodable {
    enum CodingKeys: String, CodingKey {
        case currentPage = "current_page"
        case totalPages = "total_pages"
        case totalCount = "total_count"
        case perPage = "per_page"
    }
}

extension Pagination: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("current_page", currentPage)
            writer.member("total_pages", totalPages)
            writer.member("total_count", totalCount)
            writer.member("per_page", perPage)
        }
    }
}

/// One page of a list and where it sits in the whole.
public struct Page<Item: Sendable & Hashable>: Hashable, Sendable {
    public var items: [Item]
    public var pagination: Pagination

    public init(items: [Item], pagination: Pagination) {
        self.items = items
        self.pagination = pagination
    }
}

/// Which page, how big: the part every list query shares.
public struct PageRequest: Hashable, Sendable {
    public static let defaultSize = 25
    public static let maximumSize = 100

    public var page: Int
    public var size: Int

    /// Sizes above the maximum are capped; validation rejects page or size below 1.
    public init(page: Int = 1, size: Int = PageRequest.defaultSize) {
        self.page = page
        self.size = min(size, PageRequest.maximumSize)
    }

    /// Rows to skip. Pages far past the end are clamped so the arithmetic cannot overflow.
    public var offset: Int { (min(page, 1 << 40) - 1) * size }

    /// Throws the validation messages when the page or its size is below 1.
    public func validate(sizeName: String = "page_size") throws(BackendError) {
        let messages = validationMessages(sizeName: sizeName)
        if !messages.isEmpty { throw .validation(messages) }
    }

    public func validationMessages(sizeName: String = "page_size") -> [String] {
        var messages: [String] = []
        if page < 1 { messages.append(ValidationMessage.pageTooSmall) }
        if size < 1 {
            messages.append(
                sizeName == "per_page" ? ValidationMessage.perPageTooSmall : ValidationMessage.pageSizeTooSmall)
        }
        return messages
    }
}

extension PageRequest {
    /// The page a list route's `page` and `page_size` parameters ask for, with the API's messages.
    public init(parameters: [String: String]) throws(BackendError) {
        var reader = QueryParameterReader(parameters)
        self.init(page: reader.integer("page", name: "Page") ?? 1, size: reader.integer("page_size", name: "Page size") ?? PageRequest.defaultSize)
        try reader.finish(extra: validationMessages())
    }
}
