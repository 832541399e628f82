import ECMDomain

/// The timeline filter: type, status, assignee (the API's query parameters).
public struct FilterForm: KeyedOverlay, Equatable {
    public var row = 0
    public var type: ActivityType?
    public var status: ActivityStatus?
    public var assignee: User?
    public init(type: ActivityType?, status: ActivityStatus?, assignee: User?) {
        self.type = type
        self.status = status
        self.assignee = assignee
    }

    public enum Command: Sendable, Equatable { case nextRow, previousRow, next, previous, any, clearAll, apply, cancel, help }

    public static let bindings: [OverlayBinding<Command>] = [
        OverlayBinding([.down, .tab, .character("j")], .nextRow, "next row", label: "↓ j", hinted: false),
        OverlayBinding([.up, .backTab, .character("k")], .previousRow, "previous row", label: "↑ k", hinted: false),
        OverlayBinding([.right, .character(" "), .character("l")], .next, "change", label: "←→"),
        OverlayBinding([.left, .character("h")], .previous, "previous value", label: "← h", hinted: false),
        OverlayBinding([.backspace, .delete], .any, "any"),
        OverlayBinding([.character("c")], .clearAll, "clears all"),
        OverlayBinding([.enter], .apply, "applies"),
        OverlayBinding([.escape], .cancel, "cancels"),
        OverlayBinding(Key.overlayHelpOrQuestionMark, .help, "these keys", hinted: false),
    ]
}

extension AppState {
    mutating func filterKey(_ key: Key, _ form: inout FilterForm) -> [Effect] {
        func cycle<T: Equatable>(_ value: T?, _ all: [T], _ step: Int) -> T? {
            let options: [T?] = [nil] + all.map { $0 }
            let index = options.firstIndex { $0 == value } ?? 0
            return options[(index + step + options.count) % options.count]
        }
        func change(_ step: Int) {
            switch form.row {
            case 0: form.type = cycle(form.type, ActivityType.allCases, step)
            case 1: form.status = cycle(form.status, ActivityStatus.allCases, step)
            default: form.assignee = cycle(form.assignee, users, step)
            }
        }
        switch FilterForm.command(for: key) {
        case .cancel?:
            overlay = nil
            return []
        case .apply?:
            overlay = nil
            var query = ActivityQuery()
            query.activityType = form.type
            query.status = form.status
            query.assignedToID = form.assignee?.id
            return applyFilter(query)
        case .nextRow?: form.row = (form.row + 1) % 3
        case .previousRow?: form.row = (form.row + 2) % 3
        case .next?: change(1)
        case .previous?: change(-1)
        case .any?:
            switch form.row {
            case 0: form.type = nil
            case 1: form.status = nil
            default: form.assignee = nil
            }
        case .clearAll?: form = FilterForm(type: nil, status: nil, assignee: nil)
        case .help?:
            overlay = .overlayHelp(.filter(form))
            return []
        case nil: break
        }
        overlay = .filter(form)
        return []
    }
}
