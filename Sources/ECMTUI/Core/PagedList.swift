import ECMDomain

/// A list too long to hold: pages are fetched as the cursor nears them and dropped when it
/// moves far away, so a 100,000-row timeline costs a few pages of memory.
public struct PagedList<Item: Sendable & Hashable & Identifiable>: Sendable, Equatable where Item.ID == Int64 {
    public var pageSize: Int
    /// Nil until the first page arrives.
    public private(set) var totalCount: Int?
    public private(set) var pages: [Int: [Item]] = [:]
    /// Pages asked for and not yet answered.
    public private(set) var pending: Set<Int> = []
    public var cursor = 0
    /// The first visible row.
    public var top = 0
    /// Changes whenever the query changes; answers for an older generation are ignored.
    public private(set) var generation = 0
    /// After a reload, the cursor goes back to this item when it is still there.
    public var anchor: Int64?
    /// Pages kept on each side of the cursor's page.
    public static var keptPages: Int { 3 }

    public init(pageSize: Int = 100) { self.pageSize = pageSize }

    public var count: Int { totalCount ?? 0 }
    public var isLoaded: Bool { totalCount != nil }
    public var isEmpty: Bool { count == 0 }

    public func item(at index: Int) -> Item? {
        guard index >= 0 else { return nil }
        return pages[index / pageSize + 1].flatMap { page in
            let offset = index % pageSize
            return offset < page.count ? page[offset] : nil
        }
    }

    public var selected: Item? { item(at: cursor) }

    /// Starts over for a new query: everything is dropped and the generation moves on.
    public mutating func reset(keepingCursor: Bool = false) {
        anchor = keepingCursor ? selected?.id : nil
        if !keepingCursor {
            cursor = 0
            top = 0
            totalCount = nil
        }
        pages = [:]
        pending = []
        generation += 1
    }

    /// Moves the cursor, keeping it inside the list and on screen (`rows` visible).
    public mutating func move(by delta: Int, rows: Int) {
        guard count > 0 else { return }
        cursor = min(max(0, cursor + delta), count - 1)
        scrollToCursor(rows: rows)
    }

    public mutating func moveTo(_ index: Int, rows: Int) {
        move(by: index - cursor, rows: rows)
    }

    public mutating func scrollToCursor(rows: Int) {
        let rows = max(1, rows)
        if cursor < top { top = cursor }
        if cursor >= top + rows { top = cursor - rows + 1 }
        top = max(0, min(top, max(0, count - rows)))
    }

    /// The pages the visible rows (and a margin beyond them) need that are neither held nor asked for.
    public func pagesNeeded(rows: Int) -> [Int] {
        let first: Int
        let last: Int
        if let totalCount {
            guard totalCount > 0 else { return [] }
            first = max(0, min(top, cursor) - pageSize / 4) / pageSize + 1
            last = min(totalCount - 1, max(top + rows, cursor) + pageSize / 4) / pageSize + 1
        } else {
            first = 1
            last = 1
        }
        return (first...last).filter { pages[$0] == nil && !pending.contains($0) }
    }

    public mutating func markPending(_ page: Int) { pending.insert(page) }

    /// Takes a page answered for `generation`; returns false when the answer is stale.
    @discardableResult
    public mutating func receive(_ page: Page<Item>, number: Int, generation: Int) -> Bool {
        guard generation == self.generation else { return false }
        pending.remove(number)
        pages[number] = page.items
        totalCount = page.pagination.totalCount
        if let anchor, let offset = page.items.firstIndex(where: { $0.id == anchor }) {
            cursor = (number - 1) * pageSize + offset
            self.anchor = nil
        }
        if count > 0 { cursor = min(cursor, count - 1) } else { cursor = 0 }
        evictFarPages()
        return true
    }

    /// Forgets that a page was asked for (its request failed), so it can be asked again.
    public mutating func failed(number: Int, generation: Int) {
        if generation == self.generation { pending.remove(number) }
    }

    private mutating func evictFarPages() {
        let current = cursor / pageSize + 1
        for number in pages.keys where abs(number - current) > Self.keptPages {
            pages[number] = nil
        }
    }

    /// Puts back a page held before a refresh, so rows stay on screen while it reloads.
    mutating func restore(_ number: Int, _ items: [Item]) { pages[number] = items }

    /// Replaces an item wherever it is held (after an edit).
    public mutating func replace(_ item: Item) {
        for (number, items) in pages {
            if let index = items.firstIndex(where: { $0.id == item.id }) { pages[number]![index] = item }
        }
    }

    /// The pages held, for refreshing what is on screen.
    public var heldPages: [Int] { pages.keys.sorted() }
}
