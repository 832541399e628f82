import ECMDomain
import Foundation
import Testing

extension ConformanceSuite {
    /// New for me: what someone else gave a user since they last looked at their queue
    /// (`queue_seen`), counted with `assigned_after` and put first with `new_since`.
    static let newForMe: [ConformanceCase] = [
        ConformanceCase("what someone else gave me since I last looked is new and comes first; what I gave myself is not") { harness in
            let world = try await World.make(harness)
            let me = world.coordinator
            func task(_ message: String, by backend: any ActivityBackend, to user: User) async throws -> ActivityDetail {
                var input = ActivityInput()
                input.activityType = .value("task")
                input.message = .value(message)
                input.assignedToID = .value(user.id)
                return try await backend.createActivity(patientID: world.patient.id, input: input)
            }
            func pause() async throws { try await Task.sleep(for: .milliseconds(5)) }

            #expect(try await world.backend.queueSeen().seenAt == nil)
            let givenBefore = try await task("Given before I looked", by: world.colleagueBackend, to: me)
            try await pause()
            let look = try await world.backend.markQueueSeen()
            let seen = try #require(look.seenAt)
            #expect(look.previousSeenAt == nil)
            try await pause()
            let given = try await task("Given after I looked", by: world.colleagueBackend, to: me)
            try await pause()
            let mine = try await task("I gave this to myself", by: world.backend, to: me)
            try await pause()
            let theirs = try await task("The colleague's own", by: world.colleagueBackend, to: world.colleague)
            try await pause()
            let handedOver = try await world.colleagueBackend.updateActivity(
                patientID: world.patient.id, id: theirs.id, input: .json(#"{"assigned_to_id": \#(me.id)}"#), ifRevision: nil)

            // Items say when and by whom they were given.
            let plain = try await world.backend.queue(ActivityQuery(page: PageRequest(page: 1, size: 100), status: .created))
            let byID = Dictionary(uniqueKeysWithValues: plain.items.map { ($0.id, $0) })
            #expect(byID[given.id]?.assignedByID == world.colleague.id)
            #expect(byID[mine.id]?.assignedByID == me.id)
            #expect(byID[handedOver.id]?.assignedByID == world.colleague.id)
            #expect(try #require(byID[handedOver.id]?.assignedAt) > seen)
            #expect(try #require(byID[givenBefore.id]?.assignedAt) <= seen)

            // Counted: exactly what someone else gave me since I looked.
            let news = try await world.backend.queue(ActivityQuery(status: .created, assignedAfter: seen))
            #expect(Set(news.items.map(\.id)) == [given.id, handedOver.id])
            #expect(news.pagination.totalCount == 2)

            // First, latest given first; then the rest in the queue's order, nothing twice or lost.
            let newFirst = try await world.backend.queue(ActivityQuery(page: PageRequest(page: 1, size: 100), status: .created, newSince: seen))
            #expect(newFirst.items.prefix(2).map(\.id) == [handedOver.id, given.id])
            #expect(newFirst.pagination.totalCount == plain.pagination.totalCount)
            #expect(Array(newFirst.items.dropFirst(2).map(\.id)) == plain.items.map(\.id).filter { $0 != given.id && $0 != handedOver.id })
            for size in 1...3 {
                var walked: [Int64] = []
                var page = 1
                while true {
                    let read = try await world.backend.queue(ActivityQuery(page: PageRequest(page: page, size: size), status: .created, newSince: seen))
                    walked += read.items.map(\.id)
                    guard page < read.pagination.totalPages else { break }
                    page += 1
                }
                #expect(walked == newFirst.items.map(\.id), "pages of \(size)")
            }

            // Other lists ignore new_since: a patient's timeline and the unassigned work page
            // exactly as without it.
            for size in 1...3 {
                func walk(_ read: (PageRequest) async throws -> Page<ActivitySummary>) async throws -> [Int64] {
                    var ids: [Int64] = []
                    var page = 1
                    while true {
                        let got = try await read(PageRequest(page: page, size: size))
                        ids += got.items.map(\.id)
                        guard page < got.pagination.totalPages else { return ids }
                        page += 1
                    }
                }
                let timeline = try await walk { try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery(page: $0, newSince: seen)) }
                let plainTimeline = try await walk { try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery(page: $0)) }
                #expect(timeline == plainTimeline, "timeline in pages of \(size)")
                #expect(Set(timeline).count == timeline.count)
            }

            // Looking again answers this look; each user's looks are their own.
            let again = try await world.backend.markQueueSeen()
            #expect(again.previousSeenAt == seen)
            #expect(try await world.backend.queueSeen().seenAt == again.seenAt)
            #expect(try await world.colleagueBackend.queueSeen().seenAt == nil)
            #expect(try await world.backend.queue(ActivityQuery(status: .created, assignedAfter: try #require(again.seenAt))).items.isEmpty)
        },
    ]
}

extension ConformanceSuite {
    /// The Unassigned view: the clinic's open work that nobody can act on, because it is
    /// assigned to a disabled account (or to no one).
    static let unassigned: [ConformanceCase] = [
        ConformanceCase("unassigned work is a disabled account's, counted, and handed out again leaves it") { harness in
            let world = try await World.make(harness)
            let leaving = try await harness.addUser("Rosa Leaving")
            let mine = try await world.task("Mine", assignee: world.coordinator)
            let left = try await world.task("Left by Rosa", assignee: leaving)
            let alsoLeft = try await world.task("Also left by Rosa", assignee: leaving)
            _ = try await world.task("Bob's", assignee: world.colleague)
            let unassigned = ActivityQuery(status: .created, unassigned: true)
            #expect(try await world.backend.queue(unassigned).items.isEmpty)

            try await harness.disable(leaving)
            let read = try await world.backend.queue(unassigned)
            #expect(read.items.map(\.id) == [left.id, alsoLeft.id])
            #expect(read.pagination.totalCount == 2)
            #expect(!read.items.contains { $0.id == mine.id })
            // Anyone in the clinic sees it: it is nobody's queue.
            #expect(try await world.colleagueBackend.queue(unassigned).items.map(\.id) == [left.id, alsoLeft.id])

            // Taken, it is someone's again.
            _ = try await world.backend.updateActivity(
                patientID: world.patient.id, id: left.id, input: .json(#"{"assigned_to_id": \#(world.coordinator.id)}"#), ifRevision: left.revision)
            #expect(try await world.backend.queue(unassigned).items.map(\.id) == [alsoLeft.id])
            #expect(try await world.backend.queue(ActivityQuery(page: PageRequest(page: 2, size: 1), status: .created, unassigned: true)).items.isEmpty)
        },
    ]
}
