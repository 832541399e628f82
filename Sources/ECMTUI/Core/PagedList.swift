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
    /// An item to land on (a queue item, a link, a subtask): until a page holding it arrives,
    /// nothing is selected and pages are read in order from the first.
    public private(set) var target: Int64?
    /// The last page read while looking for `target`.
    private var searchedThrough = 0
    /// A target the whole list was read for without finding it, until update reports it.
    public private(set) var missedTarget: Int64?
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

    /// The item under the cursor; none while looking for a target.
    public var selected: Item? { target == nil ? item(at: cursor) : nil }

    public var isSeeking: Bool { target != nil }

    /// The position of an item among the pages held.
    public func loadedIndex(of id: Int64) -> Int? {
        for (number, items) in pages {
            if let offset = items.firstIndex(where: { $0.id == id }) { return (number - 1) * pageSize + offset }
        }
        return nil
    }

    /// Starts over for a new query: everything is dropped and the generation moves on. Keeping
    /// the cursor (a refresh) also keeps looking for a target, from the first page again.
    public mutating func reset(keepingCursor: Bool = false) {
        anchor = keepingCursor ? selected?.id : nil
        if !keepingCursor {
            cursor = 0
            top = 0
            totalCount = nil
            target = nil
        }
        searchedThrough = 0
        pages = [:]
        pending = []
        generation += 1
    }

    /// Starts over and reads pages until `id` is found, then puts the cursor on it.
    public mutating func seek(_ id: Int64) {
        reset()
        target = id
    }

    /// The target that was not found, once: update says so.
    public mutating func takeMissedTarget() -> Int64? {
        defer { missedTarget = nil }
        return missedTarget
    }

    /// Moves the cursor, keeping it inside the list and on screen (`rows` visible). Moving ends
    /// a search for a target: the user has taken over.
    public mutating func move(by delta: Int, rows: Int) {
        guard count > 0 else { return }
        target = nil
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
        if target != nil, let totalCount {
            // Looking for a target: the next page in order, while there is one.
            first = searchedThrough + 1
            guard searchedThrough * pageSize < totalCount else { return [] }
            last = first
        } else if let totalCount {
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
        if let target {
            if let offset = page.items.firstIndex(where: { $0.id == target }) {
                cursor = (number - 1) * pageSize + offset
                self.target = nil
            } else {
                searchedThrough = max(searchedThrough, number)
                if searchedThrough * pageSize >= count {
                    missedTarget = target
                    self.target = nil
                }
            }
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
