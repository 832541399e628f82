import ECMDomain
import Testing

extension ConformanceSuite {
    /// Saved views (extension `/v1/clinic/views`): a user's named filters, optionally shared with
    /// the clinic; only the owner changes them; names are unique per user; filters name only the
    /// clinic's users and patients.
    static let views: [ConformanceCase] = [
        ConformanceCase("a view is saved with its filters, listed by name, changed and removed by its owner") { harness in
            let world = try await World.make(harness)
            let filters = ViewFilters(activityType: .task, status: .created, assignedToID: world.colleague.id, due: .overdue, patientID: world.patient.id)
            let saved = try await world.backend.createView(ViewChange(name: "  Bob's late tasks ", filters: filters))
            #expect(saved.name == "Bob's late tasks" && saved.filters == filters && !saved.shared && saved.userID == world.coordinator.id)
            let early = try await world.backend.createView(ViewChange(name: "A first look"))
            #expect(early.filters == ViewFilters())
            #expect(try await world.backend.views(page: PageRequest()).items.map(\.name) == ["A first look", "Bob's late tasks"])

            let renamed = try await world.backend.updateView(id: saved.id, ViewChange(name: "Late", shared: true))
            #expect(renamed.name == "Late" && renamed.shared && renamed.filters == filters, "what is not sent stays")
            await #expect(throws: BackendError.validation([ViewChange.takenNameMessage])) {
                try await world.backend.updateView(id: early.id, ViewChange(name: "Late"))
            }
            await #expect(throws: BackendError.validation([ViewChange.takenNameMessage])) {
                try await world.backend.createView(ViewChange(name: "Late"))
            }
            try await world.backend.deleteView(id: early.id)
            #expect(try await world.backend.views(page: PageRequest()).items.map(\.id) == [saved.id])
            await #expect(throws: BackendError.viewNotFound) { try await world.backend.deleteView(id: early.id) }
            // Paged like every list.
            let page = try await world.backend.views(page: PageRequest(page: 2, size: 1))
            #expect(page.items.isEmpty && page.pagination.totalCount == 1)
        },
        ConformanceCase("a shared view is seen by the clinic but changed only by its owner; an unshared one is no one else's") { harness in
            let world = try await World.make(harness)
            let shared = try await world.backend.createView(ViewChange(name: "Team overdue", filters: ViewFilters(due: .overdue), shared: true))
            let mine = try await world.backend.createView(ViewChange(name: "Mine"))
            let seen = try await world.colleagueBackend.views(page: PageRequest()).items
            #expect(seen.map(\.id) == [shared.id])
            #expect(seen.first?.userName == world.coordinator.name)
            await #expect(throws: BackendError.forbidden) {
                try await world.colleagueBackend.updateView(id: shared.id, ViewChange(name: "Taken over"))
            }
            await #expect(throws: BackendError.forbidden) { try await world.colleagueBackend.deleteView(id: shared.id) }
            await #expect(throws: BackendError.viewNotFound) { try await world.colleagueBackend.deleteView(id: mine.id) }
            await #expect(throws: BackendError.viewNotFound) { try await world.colleagueBackend.updateView(id: mine.id, ViewChange(shared: true)) }
            // The colleague may use the same name for a view of their own.
            #expect(try await world.colleagueBackend.createView(ViewChange(name: "Mine")).userID == world.colleague.id)
            #expect(try await world.backend.views(page: PageRequest()).items.map(\.name) == ["Mine", "Team overdue"])
        },
        ConformanceCase("filters must name the clinic's users and patients; every message at once; nothing is saved") { harness in
            let world = try await World.make(harness)
            await #expect(throws: BackendError.validation([ViewChange.assigneeMessage, ViewChange.patientMessage])) {
                try await world.backend.createView(ViewChange(name: "Nobody's", filters: ViewFilters(assignedToID: 999_999, patientID: 999_999)))
            }
            #expect(try await world.backend.views(page: PageRequest()).items.isEmpty)
        },
    ]
}
