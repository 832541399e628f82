import ECMDomain
import Testing

extension ConformanceSuite {
    /// Email activities are written with their outbox entry, which every surface shows.
    static let emails: [ConformanceCase] = [
        ConformanceCase("an email is created with one pending delivery, shown in its detail and in lists") { harness in
            let world = try await World.make(harness)
            let email = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "subject": "Care plan", "body": "Dear Parent", "assigned_to_id": \#(world.coordinator.id)}"#))
            let delivery = try #require(email.emailDelivery)
            #expect(delivery.status == .pending && delivery.attempts == 0 && delivery.lastError == nil && delivery.sentAt == nil)
            #expect(delivery.nextAttemptAt != nil)
            #expect(delivery.messageID.hasPrefix("<ecm.\(email.id).") && delivery.messageID.hasSuffix(">"))
            // The same Message-ID on every read: it is fixed when the activity is created.
            #expect(try await world.backend.activity(patientID: world.patient.id, id: email.id).emailDelivery == delivery)
            let task = try await world.task()
            #expect(task.emailDelivery == nil)
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(page.items.first { $0.id == email.id }?.emailStatus == .pending)
            #expect(page.items.first { $0.id == task.id }?.emailStatus == nil)
            let queue = try await world.backend.queue(ActivityQuery())
            #expect(queue.items.first { $0.id == email.id }?.emailStatus == .pending)
            // A second email gets its own message.
            let second = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "body": "Again", "assigned_to_id": \#(world.coordinator.id)}"#))
            #expect(second.emailDelivery?.messageID != delivery.messageID)
        },
        ConformanceCase("an email address that is no address is refused and nothing is written") { harness in
            let world = try await World.make(harness)
            for address in ["[email protected]", "parent@example.com\r\nBcc: all@example.com", "Parent <parent@example.com>"] {
                var input = ActivityInput()
                input.activityType = .value("email")
                input.emailTo = .value(address)
                input.body = .value("Dear Parent")
                input.assignedToID = .value(world.coordinator.id)
                await #expect(throws: BackendError.validation(["Email to is invalid"])) {
                    try await world.backend.createActivity(patientID: world.patient.id, input: input)
                }
            }
            #expect(try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery()).pagination.totalCount == 0)
            let email = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "body": "Dear Parent", "assigned_to_id": \#(world.coordinator.id)}"#))
            await #expect(throws: BackendError.validation(["Email to is invalid"])) {
                try await world.backend.updateActivity(
                    patientID: world.patient.id, id: email.id, input: .json(#"{"email_to": "nobody"}"#), ifRevision: nil)
            }
            #expect(try await world.backend.activity(patientID: world.patient.id, id: email.id).emailTo == "parent@example.com")
        },
        ConformanceCase("cancelling an email, or making it another type, cancels a send not yet made; other edits keep it") { harness in
            let world = try await World.make(harness)
            func email() async throws -> ActivityDetail {
                try await world.backend.createActivity(
                    patientID: world.patient.id,
                    input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "body": "Dear Parent", "assigned_to_id": \#(world.coordinator.id)}"#))
            }
            let edited = try await email()
            let subjectChanged = try await world.backend.updateActivity(
                patientID: world.patient.id, id: edited.id, input: .json(#"{"subject": "Care plan"}"#), ifRevision: nil)
            #expect(subjectChanged.emailDelivery == edited.emailDelivery)
            let cancelled = try await world.backend.updateActivity(
                patientID: world.patient.id, id: edited.id, input: .json(#"{"status": "cancelled"}"#), ifRevision: nil)
            #expect(cancelled.emailDelivery?.status == .cancelled && cancelled.emailDelivery?.nextAttemptAt == nil)
            #expect(cancelled.emailDelivery?.messageID == edited.emailDelivery?.messageID)
            // Re-opened, it stays cancelled: nothing is sent behind the coordinator's back.
            let reopened = try await world.backend.updateActivity(
                patientID: world.patient.id, id: edited.id, input: .json(#"{"status": "created"}"#), ifRevision: nil)
            #expect(reopened.emailDelivery?.status == .cancelled)
            let retyped = try await world.backend.updateActivity(
                patientID: world.patient.id, id: try await email().id, input: .json(#"{"activity_type": "note"}"#), ifRevision: nil)
            #expect(retyped.emailDelivery?.status == .cancelled)
            // An email recorded as cancelled is never sent; a task made an email sends nothing.
            let born = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "email", "status": "cancelled", "email_to": "parent@example.com", "body": "x", "assigned_to_id": \#(world.coordinator.id)}"#))
            #expect(born.emailDelivery?.status == .cancelled)
            let task = try await world.task()
            let madeEmail = try await world.backend.updateActivity(
                patientID: world.patient.id, id: task.id,
                input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "body": "x"}"#), ifRevision: nil)
            #expect(madeEmail.emailDelivery == nil)
        },
        ConformanceCase("deliveries are listed newest first, by status; only a failed one can be tried again") { harness in
            let world = try await World.make(harness)
            var ids: [Int64] = []
            for index in 0..<3 {
                ids.append(try await world.backend.createActivity(
                    patientID: world.patient.id,
                    input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "subject": "Note \#(index)", "body": "x", "assigned_to_id": \#(world.coordinator.id)}"#)).id)
            }
            _ = try await world.backend.updateActivity(
                patientID: world.patient.id, id: ids[1], input: .json(#"{"status": "cancelled"}"#), ifRevision: nil)
            try await world.task()
            let all = try await world.backend.emailDeliveries(EmailDeliveryQuery())
            #expect(all.items.map(\.activityID) == ids.reversed())
            #expect(all.pagination.totalCount == 3)
            #expect(all.items.first?.patientName == world.patient.name && all.items.first?.subject == "Note 2")
            #expect(all.items.first?.emailTo == "parent@example.com")
            let pending = try await world.backend.emailDeliveries(EmailDeliveryQuery(status: .pending))
            #expect(pending.items.map(\.activityID) == [ids[2], ids[0]] && pending.items.allSatisfy { $0.delivery.status == .pending })
            let paged = try await world.backend.emailDeliveries(EmailDeliveryQuery(page: PageRequest(page: 2, size: 2)))
            #expect(paged.items.map(\.activityID) == [ids[0]] && paged.pagination.totalPages == 2)
            #expect(try await world.backend.emailDeliveries(EmailDeliveryQuery(status: .failed)).items.isEmpty)
            await #expect(throws: BackendError.onlyFailedEmailsRetry) { try await world.backend.retryEmail(activityID: ids[0]) }
            let task = try await world.task()
            await #expect(throws: BackendError.activityNotFound) { try await world.backend.retryEmail(activityID: task.id) }
            await #expect(throws: BackendError.activityNotFound) { try await world.backend.retryEmail(activityID: 987_654) }
        },
        ConformanceCase("a failed email heads its sender's queue, whoever it is assigned to, until it is tried again") { harness in
            let world = try await World.make(harness)
            func email(_ backend: any ActivityBackend, to assignee: User, _ subject: String) async throws -> Int64 {
                try await backend.createActivity(
                    patientID: world.patient.id,
                    input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "subject": "\#(subject)", "body": "x", "assigned_to_id": \#(assignee.id)}"#)).id
            }
            let task = try await world.task("Call the pharmacy").id
            let sentForBob = try await email(world.backend, to: world.colleague, "sent by Jane for Bob")
            let sentForJane = try await email(world.backend, to: world.coordinator, "sent by Jane for Jane")
            let bobsForJane = try await email(world.colleagueBackend, to: world.coordinator, "sent by Bob for Jane")
            let stillPending = try await email(world.backend, to: world.colleague, "pending")
            for id in [sentForBob, sentForJane, bobsForJane] { try await harness.failDelivery(of: id) }
            // Jane's failed send that Bob holds comes first; what she holds stays in its place once.
            let queue = try await world.backend.queue(ActivityQuery())
            #expect(queue.items.map(\.id) == [sentForBob, task, sentForJane, bobsForJane])
            #expect(queue.pagination.totalCount == 4)
            #expect(queue.items.first?.emailStatus == .failed)
            #expect(!queue.items.map(\.id).contains(stillPending))
            // Pages split across the two parts without losing or repeating a row.
            let first = try await world.backend.queue(ActivityQuery(page: PageRequest(page: 1, size: 3)))
            let second = try await world.backend.queue(ActivityQuery(page: PageRequest(page: 2, size: 3)))
            #expect(first.items.map(\.id) + second.items.map(\.id) == queue.items.map(\.id))
            #expect(second.pagination.totalPages == 2)
            // Open work (the UI's queue) includes it; what is complete, or only tasks, does not.
            #expect(try await world.backend.queue(ActivityQuery(status: .created)).items.first?.id == sentForBob)
            #expect(try await world.backend.queue(ActivityQuery(status: .complete)).items.isEmpty)
            #expect(try await world.backend.queue(ActivityQuery(activityType: .task)).items.map(\.id) == [task])
            // Bob's queue: his own failed send to Jane, then what he holds.
            #expect(try await world.colleagueBackend.queue(ActivityQuery()).items.map(\.id) == [bobsForJane, sentForBob, stillPending])
            // Tried again, it is pending and leaves the head of the queue.
            _ = try await world.backend.retryEmail(activityID: sentForBob)
            #expect(try await world.backend.queue(ActivityQuery()).items.map(\.id) == [task, sentForJane, bobsForJane])
        },
        ConformanceCase("deleting an email removes its delivery with it") { harness in
            let world = try await World.make(harness)
            let email = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "body": "Dear Parent", "assigned_to_id": \#(world.coordinator.id)}"#))
            try await world.backend.deleteActivity(patientID: world.patient.id, id: email.id, ifRevision: nil)
            await #expect(throws: BackendError.activityNotFound) {
                try await world.backend.activity(patientID: world.patient.id, id: email.id)
            }
            // A new email after it is not confused with the deleted one's entry.
            let next = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "email", "email_to": "parent@example.com", "body": "Again", "assigned_to_id": \#(world.coordinator.id)}"#))
            #expect(next.emailDelivery?.status == .pending)
        },
    ]
}
