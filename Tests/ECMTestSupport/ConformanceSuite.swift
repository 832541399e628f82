import ECMDomain
import Testing

/// The contract of `ActivityBackend`, written once. Every backend's tests run every case on a
/// fresh harness: `@Test(arguments: ConformanceSuite.cases)`.
public enum ConformanceSuite {
    public static var cases: [ConformanceCase] {
        creating + validating + nullCharacters + references + updating + deleting + listing + comments + emails + dueDates + revisions + views + newForMe + unassigned + members + minutesAndOutcomes + others
            + emptyRequests
    }

    // MARK: Creating

    static let creating: [ConformanceCase] = [
        ConformanceCase("create returns the detail shape with the acting user as performer and an event") { harness in
            let world = try await World.make(harness)
            let created = try await world.task("Schedule follow-up appointment with patient", assignee: world.colleague) {
                $0.subject = .value("Follow-up Scheduling")
            }
            #expect(created.activityType == .task)
            #expect(created.status == .created)
            #expect(created.message == "Schedule follow-up appointment with patient")
            #expect(created.subject == "Follow-up Scheduling")
            #expect(created.patientID == world.patient.id)
            #expect(created.patientName == "José Núñez")
            #expect(created.performedByID == world.coordinator.id)
            #expect(created.performedByName == "Jane Coordinator")
            #expect(created.assignedToID == world.colleague.id)
            #expect(created.assignedToName == "Bob Manager")
            #expect(created.comments.isEmpty && created.subtasks.isEmpty)
            let event = try #require(created.event)
            #expect(event.eventType == .task)
            #expect(event.status == .created)
            #expect(event.occurredAt == created.occurredAt)
            #expect(event.subject == "Follow-up Scheduling")
            #expect(created.createdAt == created.updatedAt)
            let reread = try await world.backend.activity(patientID: world.patient.id, id: created.id)
            #expect(reread == created || (reread.id == created.id && reread.event == created.event))
        },
        ConformanceCase("performed_by cannot be forged by the request") { harness in
            let world = try await World.make(harness)
            let input = ActivityInput.json("""
                {"activity_type": "note", "body": "Met with patient", "assigned_to_id": \(world.colleague.id),
                 "performed_by_id": \(world.colleague.id), "performed_by": \(world.colleague.id)}
                """)
            let created = try await world.backend.createActivity(patientID: world.patient.id, input: input)
            #expect(created.performedByID == world.coordinator.id)
        },
        ConformanceCase("every type can be created with exactly its required fields") { harness in
            let world = try await World.make(harness)
            let assignee = world.coordinator.id
            let bodies = [
                #"{"activity_type": "task", "message": "m", "assigned_to_id": \#(assignee)}"#,
                #"{"activity_type": "note", "body": "b", "assigned_to_id": \#(assignee)}"#,
                #"{"activity_type": "sms", "body": "b", "text_message_id": 11, "assigned_to_id": \#(assignee)}"#,
                #"{"activity_type": "call", "voice_call_id": 12, "assigned_to_id": \#(assignee)}"#,
                #"{"activity_type": "email", "email_to": "parent@example.com", "body": "b", "assigned_to_id": \#(assignee), "email_attachments": ["https://storage.example.com/documents/care-plan.pdf"]}"#,
                #"{"activity_type": "in_person_appointment", "booked_at": "2024-12-01T14:00:00.000Z", "assigned_to_id": \#(assignee)}"#,
            ]
            for body in bodies {
                let created = try await world.backend.createActivity(patientID: world.patient.id, input: .json(body))
                #expect(created.event?.eventType == created.activityType)
            }
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(Set(page.items.map(\.activityType)) == Set(ActivityType.allCases))
            let email = try #require(page.items.first { $0.activityType == .email })
            let detail = try await world.backend.activity(patientID: world.patient.id, id: email.id)
            #expect(detail.emailAttachments == ["https://storage.example.com/documents/care-plan.pdf"])
            let visit = try #require(page.items.first { $0.activityType == .inPersonAppointment })
            let visitDetail = try await world.backend.activity(patientID: world.patient.id, id: visit.id)
            #expect(visitDetail.bookedAt?.iso8601 == "2024-12-01T14:00:00.000Z")
        },
        ConformanceCase("timestamps in any ISO 8601 form come back as UTC with milliseconds") { harness in
            let world = try await World.make(harness)
            let created = try await world.task { $0.occurredAt = .value(Timestamp(iso8601: "2024-11-20T02:00:00-08:00")!) }
            #expect(created.occurredAt.iso8601 == "2024-11-20T10:00:00.000Z")
            #expect(created.event?.occurredAt.iso8601 == "2024-11-20T10:00:00.000Z")
        },
    ]

    // MARK: Validating

    static let validating: [ConformanceCase] = [
        ConformanceCase("a task with neither message nor assignee reports both messages") { harness in
            let world = try await World.make(harness)
            await #expect(throws: BackendError.validation(["Message can't be blank", "Assigned to can't be blank"])) {
                try await world.backend.createActivity(patientID: world.patient.id, input: .json(#"{"activity_type": "task"}"#))
            }
        },
        ConformanceCase("each type's required fields are reported, blank and whitespace count as missing") { harness in
            let world = try await World.make(harness)
            let expected: [(String, [String])] = [
                ("task", ["Message can't be blank", "Assigned to can't be blank"]),
                ("note", ["Body can't be blank", "Assigned to can't be blank"]),
                ("sms", ["Body can't be blank", "Text message can't be blank", "Assigned to can't be blank"]),
                ("call", ["Voice call can't be blank", "Assigned to can't be blank"]),
                ("email", ["Email to can't be blank", "Body can't be blank", "Assigned to can't be blank"]),
                ("in_person_appointment", ["Booked at can't be blank", "Assigned to can't be blank"]),
            ]
            for (type, messages) in expected {
                await #expect(throws: BackendError.validation(messages)) {
                    try await world.backend.createActivity(
                        patientID: world.patient.id,
                        input: .json(#"{"activity_type": "\#(type)", "message": "  ", "body": "\n\t", "email_to": "", "assigned_to_id": null}"#))
                }
            }
        },
        ConformanceCase("unknown type and status are not included in the list") { harness in
            let world = try await World.make(harness)
            await #expect(throws: BackendError.validation([
                "Activity type is not included in the list", "Status is not included in the list", "Assigned to can't be blank",
            ])) {
                try await world.backend.createActivity(
                    patientID: world.patient.id, input: .json(#"{"activity_type": "fax", "status": "done"}"#))
            }
        },
        ConformanceCase("wrong types are reported per field and nothing is written") { harness in
            let world = try await World.make(harness)
            await #expect(throws: BackendError.validation(["Booked at is invalid", "Assigned to is not a number"])) {
                try await world.backend.createActivity(
                    patientID: world.patient.id,
                    input: .json(#"{"activity_type": "in_person_appointment", "booked_at": "next tuesday", "assigned_to_id": "abc"}"#))
            }
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(page.pagination.totalCount == 0)
        },
    ]

    // MARK: References

    static let references: [ConformanceCase] = [
        ConformanceCase("assigned_to_id must name an existing user") { harness in
            let world = try await World.make(harness)
            await #expect(throws: BackendError.validation(["Assigned to must exist"])) {
                try await world.task(assignee: User(id: 999_999, name: "Nobody"))
            }
        },
        ConformanceCase("a subtask's parent must exist, belong to the patient and be a task") { harness in
            let world = try await World.make(harness)
            let parent = try await world.task("Parent")
            let otherPatientsTask = try await world.task("Elsewhere", patient: world.otherPatient)
            let note = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "note", "body": "b", "assigned_to_id": \#(world.coordinator.id)}"#))
            await #expect(throws: BackendError.validation(["Parent must exist"])) {
                try await world.task { $0.parentID = .value(999_999) }
            }
            await #expect(throws: BackendError.validation(["Parent must exist"])) {
                try await world.task { $0.parentID = .value(otherPatientsTask.id) }
            }
            await #expect(throws: BackendError.validation(["Parent must be a task"])) {
                try await world.task { $0.parentID = .value(note.id) }
            }
            let subtask = try await world.task("Call patient to confirm appointment time") { $0.parentID = .value(parent.id) }
            #expect(subtask.parentID == parent.id)
            let reread = try await world.backend.activity(patientID: world.patient.id, id: parent.id)
            #expect(reread.subtasks.map(\.id) == [subtask.id])
            let listed = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery(activityType: .task))
            let row = try #require(listed.items.first { $0.id == parent.id })
            #expect(row.subtasksCount == 1 && row.subtasksCompletedCount == 0)
        },
        ConformanceCase("a parent can be neither the activity itself nor one of its subtasks") { harness in
            let world = try await World.make(harness)
            let parent = try await world.task("Parent")
            let child = try await world.task("Child") { $0.parentID = .value(parent.id) }
            let grandchild = try await world.task("Grandchild") { $0.parentID = .value(child.id) }
            var toSelf = ActivityInput()
            toSelf.parentID = .value(parent.id)
            await #expect(throws: BackendError.validation(["Parent can't be the activity itself"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: parent.id, input: toSelf, ifRevision: nil)
            }
            var toDescendant = ActivityInput()
            toDescendant.parentID = .value(grandchild.id)
            await #expect(throws: BackendError.validation(["Parent can't be one of the activity's own subtasks"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: parent.id, input: toDescendant, ifRevision: nil)
            }
        },
        ConformanceCase("blocked-by and blocking links stay within the patient, never self, never a cycle") { harness in
            let world = try await World.make(harness)
            let a = try await world.task("A")
            let b = try await world.task("B") { $0.blockedByID = .value(a.id) }
            let c = try await world.task("C") { $0.blockedByID = .value(b.id) }
            let elsewhere = try await world.task("Elsewhere", patient: world.otherPatient)
            await #expect(throws: BackendError.validation(["Blocked by must exist"])) {
                try await world.task { $0.blockedByID = .value(elsewhere.id) }
            }
            await #expect(throws: BackendError.validation(["Blocking must exist"])) {
                try await world.task { $0.blockingID = .value(424_242) }
            }
            var selfBlock = ActivityInput()
            selfBlock.blockedByID = .value(a.id)
            await #expect(throws: BackendError.validation(["Blocked by can't be the activity itself"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: a.id, input: selfBlock, ifRevision: nil)
            }
            var closeCycle = ActivityInput()
            closeCycle.blockedByID = .value(c.id)
            await #expect(throws: BackendError.validation(["Blocked by would create a cycle of blocked activities"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: a.id, input: closeCycle, ifRevision: nil)
            }
            var blockingCycle = ActivityInput()
            blockingCycle.blockingID = .value(a.id)
            await #expect(throws: BackendError.validation(["Blocking would create a cycle of blocked activities"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: c.id, input: blockingCycle, ifRevision: nil)
            }
            await #expect(throws: BackendError.validation(["Blocked by would create a cycle of blocked activities"])) {
                try await world.task { $0.blockedByID = .value(c.id); $0.blockingID = .value(a.id) }
            }
            // A new activity that merely joins the chain is fine, and shows as blocked while B is open.
            let d = try await world.task("D") { $0.blockedByID = .value(c.id) }
            #expect(d.blockedByID == c.id)
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(page.items.first { $0.id == b.id }?.blocked == true)
            #expect(page.items.first { $0.id == a.id }?.blocked == false)
        },
    ]

    // MARK: Updating

    static let updating: [ConformanceCase] = [
        ConformanceCase("a partial update changes only the given fields and keeps the event in step") { harness in
            let world = try await World.make(harness)
            let created = try await world.task("Follow up with patient about medication") { $0.subject = .value("Medication") }
            var input = ActivityInput()
            input.status = .value("complete")
            let updated = try await world.backend.updateActivity(patientID: world.patient.id, id: created.id, input: input, ifRevision: nil)
            #expect(updated.status == .complete)
            #expect(updated.message == created.message)
            #expect(updated.subject == "Medication")
            #expect(updated.assignedToID == created.assignedToID)
            #expect(updated.performedByID == created.performedByID)
            #expect(updated.event?.status == .complete)
            #expect(updated.updatedAt >= created.updatedAt)
            #expect(updated.createdAt == created.createdAt)
            var clear = ActivityInput()
            clear.subject = .null
            clear.occurredAt = .value(Timestamp(iso8601: "2024-01-02T03:04:05.678Z")!)
            let cleared = try await world.backend.updateActivity(patientID: world.patient.id, id: created.id, input: clear, ifRevision: nil)
            #expect(cleared.subject == nil)
            #expect(cleared.event?.subject == nil)
            #expect(cleared.event?.occurredAt.iso8601 == "2024-01-02T03:04:05.678Z")
        },
        ConformanceCase("an update is validated as a whole and a failed one writes nothing") { harness in
            let world = try await World.make(harness)
            let created = try await world.task("Keep me")
            var input = ActivityInput()
            input.activityType = .value("email")
            input.subject = .value("Changed?")
            await #expect(throws: BackendError.validation(["Email to can't be blank", "Body can't be blank"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: created.id, input: input, ifRevision: nil)
            }
            var blank = ActivityInput()
            blank.message = .value("   ")
            await #expect(throws: BackendError.validation(["Message can't be blank"])) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: created.id, input: blank, ifRevision: nil)
            }
            let reread = try await world.backend.activity(patientID: world.patient.id, id: created.id)
            #expect(reread.activityType == .task && reread.subject == nil && reread.message == "Keep me")
        },
        ConformanceCase("a stale revision is a conflict; the current one succeeds") { harness in
            let world = try await World.make(harness)
            let created = try await world.task()
            var first = ActivityInput()
            first.subject = .value("First")
            let updated = try await world.backend.updateActivity(
                patientID: world.patient.id, id: created.id, input: first, ifRevision: created.revision)
            #expect(updated.revision != created.revision)
            var second = ActivityInput()
            second.subject = .value("Second")
            await #expect(throws: BackendError.conflict) {
                try await world.colleagueBackend.updateActivity(
                    patientID: world.patient.id, id: created.id, input: second, ifRevision: created.revision)
            }
            await #expect(throws: BackendError.conflict) {
                try await world.colleagueBackend.deleteActivity(patientID: world.patient.id, id: created.id, ifRevision: created.revision)
            }
            let reread = try await world.backend.activity(patientID: world.patient.id, id: created.id)
            #expect(reread.subject == "First")
        },
    ]

    // MARK: Deleting

    static let deleting: [ConformanceCase] = [
        ConformanceCase("delete removes comments, subtasks recursively, the event, and links pointing at them") { harness in
            let world = try await World.make(harness)
            let parent = try await world.task("Parent")
            let child = try await world.task("Child") { $0.parentID = .value(parent.id) }
            let grandchild = try await world.task("Grandchild") { $0.parentID = .value(child.id) }
            _ = try await world.backend.addComment(patientID: world.patient.id, activityID: parent.id, body: "On parent")
            _ = try await world.backend.addComment(patientID: world.patient.id, activityID: grandchild.id, body: "On grandchild")
            let blocked = try await world.task("Waits for the child") { $0.blockedByID = .value(child.id) }
            let blocker = try await world.task("Blocks the parent") { $0.blockingID = .value(parent.id) }
            let bystander = try await world.task("Bystander")
            try await world.backend.deleteActivity(patientID: world.patient.id, id: parent.id, ifRevision: nil)
            for id in [parent.id, child.id, grandchild.id] {
                await #expect(throws: BackendError.activityNotFound) {
                    try await world.backend.activity(patientID: world.patient.id, id: id)
                }
            }
            #expect(try await world.backend.activity(patientID: world.patient.id, id: blocked.id).blockedByID == nil)
            #expect(try await world.backend.activity(patientID: world.patient.id, id: blocker.id).blockingID == nil)
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(Set(page.items.map(\.id)) == [blocked.id, blocker.id, bystander.id])
            let events = try await world.backend.events(patientID: world.patient.id, query: EventQuery())
            #expect(events.pagination.totalCount == 3)
            await #expect(throws: BackendError.activityNotFound) {
                try await world.backend.deleteActivity(patientID: world.patient.id, id: parent.id, ifRevision: nil)
            }
        },
    ]

    // MARK: Listing

    static let listing: [ConformanceCase] = [
        ConformanceCase("lists are newest first by occurred_at then id, stable across pages") { harness in
            let world = try await World.make(harness)
            let base = Timestamp(iso8601: "2024-11-20T10:00:00Z")!
            var made: [ActivityDetail] = []
            for index in 0..<30 {
                // Ties on purpose: three activities share each minute.
                made.append(try await world.task("Task \(index)") { $0.occurredAt = .value(base.adding(seconds: Int64(index / 3) * 60)) })
            }
            let expected = made.sorted { ($0.occurredAt, $0.id) > ($1.occurredAt, $1.id) }.map(\.id)
            var seen: [Int64] = []
            for page in 1...4 {
                let result = try await world.backend.activities(
                    patientID: world.patient.id, query: ActivityQuery(page: PageRequest(page: page, size: 8)))
                #expect(result.pagination == Pagination(currentPage: page, totalPages: 4, totalCount: 30, perPage: 8))
                seen += result.items.map(\.id)
            }
            #expect(seen == expected)
        },
        ConformanceCase("pagination defaults, caps and edges") { harness in
            let world = try await World.make(harness)
            for index in 0..<3 { try await world.task("Task \(index)") }
            let first = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(first.pagination == Pagination(currentPage: 1, totalPages: 1, totalCount: 3, perPage: 25))
            let capped = try await world.backend.activities(
                patientID: world.patient.id, query: try ActivityQuery(parameters: ["page_size": "10000"]))
            #expect(capped.pagination.perPage == 100)
            let past = try await world.backend.activities(
                patientID: world.patient.id, query: try ActivityQuery(parameters: ["page": "1000000000"]))
            #expect(past.items.isEmpty)
            #expect(past.pagination == Pagination(currentPage: 1_000_000_000, totalPages: 1, totalCount: 3, perPage: 25))
            await #expect(throws: BackendError.validation(["Page must be greater than or equal to 1"])) {
                try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery(page: PageRequest(page: 0)))
            }
            await #expect(throws: BackendError.validation(["Page size must be greater than or equal to 1"])) {
                try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery(page: PageRequest(page: 1, size: -1)))
            }
            let empty = try await world.backend.activities(patientID: world.otherPatient.id, query: ActivityQuery())
            #expect(empty.items.isEmpty && empty.pagination.totalCount == 0)
        },
        ConformanceCase("filters by type, status and assignee, in any combination") { harness in
            let world = try await World.make(harness)
            let mine = try await world.task("Mine")
            let theirs = try await world.task("Theirs", assignee: world.colleague)
            var complete = ActivityInput()
            complete.status = .value("complete")
            _ = try await world.backend.updateActivity(patientID: world.patient.id, id: theirs.id, input: complete, ifRevision: nil)
            let note = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "note", "body": "b", "assigned_to_id": \#(world.colleague.id)}"#))
            func ids(_ query: ActivityQuery) async throws -> Set<Int64> {
                Set(try await world.backend.activities(patientID: world.patient.id, query: query).items.map(\.id))
            }
            #expect(try await ids(ActivityQuery(activityType: .task)) == [mine.id, theirs.id])
            #expect(try await ids(ActivityQuery(status: .created)) == [mine.id, note.id])
            #expect(try await ids(ActivityQuery(assignedToID: world.colleague.id)) == [theirs.id, note.id])
            #expect(try await ids(ActivityQuery(activityType: .task, assignedToID: world.colleague.id, status: .complete)) == [theirs.id])
            #expect(try await ids(ActivityQuery(activityType: .call)) == [])
        },
        ConformanceCase("list items carry names and counts") { harness in
            let world = try await World.make(harness)
            let created = try await world.task("Counted", assignee: world.colleague)
            _ = try await world.backend.addComment(patientID: world.patient.id, activityID: created.id, body: "One")
            _ = try await world.colleagueBackend.addComment(patientID: world.patient.id, activityID: created.id, body: "Two")
            let item = try #require(try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery()).items.first)
            #expect(item.patientName == "José Núñez")
            #expect(item.performedByName == "Jane Coordinator")
            #expect(item.assignedToName == "Bob Manager")
            #expect(item.commentsCount == 2)
        },
        ConformanceCase("the queue holds the user's assigned work across patients, oldest first") { harness in
            let world = try await World.make(harness)
            let base = Timestamp(iso8601: "2024-11-01T09:00:00Z")!
            let newer = try await world.task("Newer") { $0.occurredAt = .value(base.adding(seconds: 3600)) }
            let older = try await world.task("Older", patient: world.otherPatient) { $0.occurredAt = .value(base) }
            try await world.task("Not mine", assignee: world.colleague)
            let done = try await world.task("Done")
            var complete = ActivityInput()
            complete.status = .value("complete")
            _ = try await world.backend.updateActivity(patientID: world.patient.id, id: done.id, input: complete, ifRevision: nil)
            let open = try await world.backend.queue(ActivityQuery(status: .created))
            #expect(open.items.map(\.id) == [older.id, newer.id])
            #expect(open.items.map(\.patientName) == ["Nguyễn Thị Hoa", "José Núñez"])
            let all = try await world.backend.queue(ActivityQuery())
            #expect(all.pagination.totalCount == 3)
            let colleagues = try await world.backend.queue(ActivityQuery(assignedToID: world.colleague.id))
            #expect(colleagues.items.map(\.headline) == ["Not mine"])
        },
    ]

    // MARK: Comments

    static let comments: [ConformanceCase] = [
        ConformanceCase("comments are added by the acting user and read back in order") { harness in
            let world = try await World.make(harness)
            let created = try await world.task()
            let first = try await world.backend.addComment(patientID: world.patient.id, activityID: created.id, body: "Called patient, no answer")
            let second = try await world.colleagueBackend.addComment(patientID: world.patient.id, activityID: created.id, body: "Reached her — confirmed 🎉")
            #expect(first.userID == world.coordinator.id && first.userName == "Jane Coordinator")
            #expect(second.userName == "Bob Manager")
            let detail = try await world.backend.activity(patientID: world.patient.id, id: created.id)
            #expect(detail.comments.map(\.body) == ["Called patient, no answer", "Reached her — confirmed 🎉"])
            #expect(detail.updatedAt >= second.createdAt)
            let page = try await world.backend.comments(patientID: world.patient.id, activityID: created.id, page: PageRequest(page: 2, size: 1))
            #expect(page.items.map(\.id) == [second.id])
            #expect(page.pagination.totalCount == 2)
        },
        ConformanceCase("a blank comment is refused; comments need an existing activity of the patient") { harness in
            let world = try await World.make(harness)
            let created = try await world.task()
            await #expect(throws: BackendError.validation(["Body can't be blank"])) {
                try await world.backend.addComment(patientID: world.patient.id, activityID: created.id, body: " \n ")
            }
            await #expect(throws: BackendError.activityNotFound) {
                try await world.backend.addComment(patientID: world.otherPatient.id, activityID: created.id, body: "Wrong patient")
            }
            await #expect(throws: BackendError.patientNotFound) {
                try await world.backend.addComment(patientID: 987_654, activityID: created.id, body: "No patient")
            }
        },
    ]

    // MARK: Patients, users, errors

    static let others: [ConformanceCase] = [
        ConformanceCase("unknown patients and activities are not found, also across patients") { harness in
            let world = try await World.make(harness)
            let created = try await world.task()
            await #expect(throws: BackendError.patientNotFound) {
                try await world.backend.activities(patientID: 987_654, query: ActivityQuery())
            }
            await #expect(throws: BackendError.patientNotFound) {
                try await world.backend.createActivity(patientID: 987_654, input: .json(#"{"activity_type": "task"}"#))
            }
            await #expect(throws: BackendError.patientNotFound) { try await world.backend.patient(id: 987_654) }
            await #expect(throws: BackendError.activityNotFound) {
                try await world.backend.activity(patientID: world.otherPatient.id, id: created.id)
            }
            await #expect(throws: BackendError.activityNotFound) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: 987_654, input: ActivityInput(), ifRevision: nil)
            }
        },
        ConformanceCase("patients are searched ignoring case and accents, and paged") { harness in
            let world = try await World.make(harness)
            _ = try await harness.addPatient("María Peña", dateOfBirth: nil)
            let found = try await world.backend.patients(PatientQuery(search: "nunez"))
            #expect(found.items.map(\.name) == ["José Núñez"])
            #expect(found.items.first?.dateOfBirth?.iso8601 == "1950-03-14")
            #expect(try await world.backend.patients(PatientQuery(search: "NGUYEN")).items.map(\.name) == ["Nguyễn Thị Hoa"])
            #expect(try await world.backend.patients(PatientQuery(search: "pena")).items.map(\.name) == ["María Peña"])
            #expect(try await world.backend.patients(PatientQuery(search: "%")).items.isEmpty)
            let paged = try await world.backend.patients(PatientQuery(page: PageRequest(page: 2, size: 2)))
            #expect(paged.pagination == Pagination(currentPage: 2, totalPages: 2, totalCount: 3, perPage: 2))
            #expect(paged.items.count == 1)
            try await world.task()
            let patient = try await world.backend.patient(id: world.patient.id)
            #expect(patient.openActivitiesCount == 1)
            #expect(patient.lastActivityAt != nil)
        },
        ConformanceCase("a patient's last activity is its newest activity's time, in whatever order they are recorded") { harness in
            let world = try await World.make(harness)
            func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }
            func last() async throws -> Timestamp? { try await world.backend.patient(id: world.patient.id).lastActivityAt }
            #expect(try await last() == nil)
            let november = try await world.task { $0.occurredAt = .value(at("2024-11-15T12:00:00Z")) }
            #expect(try await last() == at("2024-11-15T12:00:00Z"))
            try await world.task { $0.occurredAt = .value(at("2024-10-01T12:00:00Z")) }
            #expect(try await last() == at("2024-11-15T12:00:00Z"))
            let december = try await world.task { $0.occurredAt = .value(at("2024-12-24T12:00:00Z")) }
            #expect(try await last() == at("2024-12-24T12:00:00Z"))
            try await world.backend.deleteActivity(patientID: world.patient.id, id: december.id, ifRevision: nil)
            #expect(try await last() == at("2024-11-15T12:00:00Z"))
            // What a create answers is what a read of the activity answers, its event included.
            #expect(try await world.backend.activity(patientID: world.patient.id, id: november.id) == november)
            #expect(november.event?.activityID == november.id && november.event?.occurredAt == at("2024-11-15T12:00:00Z"))
            #expect(try await world.backend.patient(id: world.otherPatient.id).lastActivityAt == nil)
        },
        ConformanceCase("a patient search matches name words in any order, a date of birth or an id") { harness in
            let world = try await World.make(harness)
            let jesus = try await harness.addPatient("Jesús Núñez Ochoa", dateOfBirth: "1961-07-04")
            _ = try await harness.addPatient("Jesús Ramírez", dateOfBirth: "1961-11-30")
            func names(_ search: String) async throws -> [String] {
                try await world.backend.patients(PatientQuery(search: search)).items.map(\.name)
            }
            #expect(try await names("jesus nunez") == ["Jesús Núñez Ochoa"])
            #expect(try await names("nunez, jesus") == ["Jesús Núñez Ochoa"])
            #expect(try await names("ochoa  jes") == ["Jesús Núñez Ochoa"])
            #expect(try await names("jesus") == ["Jesús Núñez Ochoa", "Jesús Ramírez"])
            #expect(try await names("jesus zzz").isEmpty)
            #expect(try await names("1961-07-04") == ["Jesús Núñez Ochoa"])
            #expect(try await names("7/4/1961") == ["Jesús Núñez Ochoa"])
            #expect(try await names("07/04/1961") == ["Jesús Núñez Ochoa"])
            #expect(try await names("1961-11") == ["Jesús Ramírez"])
            #expect(try await names("1961 jesus") == ["Jesús Núñez Ochoa", "Jesús Ramírez"])
            #expect(try await names("1950-03-14") == ["José Núñez"])
            #expect(try await names(String(jesus.id)) == ["Jesús Núñez Ochoa"])
            #expect(try await names("\(jesus.id) ramirez").isEmpty)
            await #expect(throws: BackendError.validation(["Search has too many words (maximum is 8)"])) {
                _ = try await names("a b c d e f g h i")
            }
            // Neither store can compare a null character (schemathesis found PostgreSQL's 503).
            await #expect(throws: BackendError.validation(["Search contains a null character"])) {
                _ = try await names("jes\u{0}us")
            }
            await #expect(throws: BackendError.validation(["Search contains a null character"])) {
                _ = try await world.backend.users(search: "ja\u{0}ne")
            }
        },
        ConformanceCase("the acting user and the care team") { harness in
            let world = try await World.make(harness)
            #expect(try await world.backend.currentUser() == world.coordinator)
            #expect(try await world.colleagueBackend.currentUser() == world.colleague)
            let everyone = try await world.backend.users(search: nil)
            #expect(everyone.map(\.name) == ["Bob Manager", "Jane Coordinator"])
            #expect(try await world.backend.users(search: "jane").map(\.id) == [world.coordinator.id])
        },
        ConformanceCase("events are listed newest first and filtered by type and dates") { harness in
            let world = try await World.make(harness)
            try await world.task { $0.occurredAt = .value(Timestamp(iso8601: "2024-10-01T12:00:00Z")!) }
            try await world.task { $0.occurredAt = .value(Timestamp(iso8601: "2024-11-15T12:00:00Z")!) }
            _ = try await world.backend.createActivity(
                patientID: world.patient.id,
                input: .json(#"{"activity_type": "call", "voice_call_id": 5, "assigned_to_id": \#(world.coordinator.id), "occurred_at": "2024-11-20T12:00:00Z"}"#))
            let all = try await world.backend.events(patientID: world.patient.id, query: EventQuery())
            #expect(all.items.map(\.occurredAt.iso8601) == ["2024-11-20T12:00:00.000Z", "2024-11-15T12:00:00.000Z", "2024-10-01T12:00:00.000Z"])
            let calls = try await world.backend.events(patientID: world.patient.id, query: EventQuery(eventType: .call))
            #expect(calls.items.map(\.eventType) == [.call])
            let november = try await world.backend.events(patientID: world.patient.id, query: try EventQuery(parameters: ["start_date": "2024-11-01", "end_date": "2024-11-15"]))
            #expect(november.items.map(\.occurredAt.iso8601) == ["2024-11-15T12:00:00.000Z"])
        },
        ConformanceCase("an unknown acting user is unauthorized to write or read") { harness in
            let world = try await World.make(harness)
            let stranger = try await harness.unauthorizedBackend()
            await #expect(throws: BackendError.unauthorized) {
                try await stranger.createActivity(
                    patientID: world.patient.id,
                    input: .json(#"{"activity_type": "task", "message": "m", "assigned_to_id": \#(world.coordinator.id)}"#))
            }
            await #expect(throws: BackendError.unauthorized) { try await stranger.currentUser() }
            let page = try await world.backend.activities(patientID: world.patient.id, query: ActivityQuery())
            #expect(page.items.isEmpty)
        },
    ]
}

extension ConformanceSuite {
    /// Requests that name no field: 404 for a missing record comes before 400 for the body.
    static let emptyRequests: [ConformanceCase] = [
        ConformanceCase("a request naming no field is malformed, after the records are found") { harness in
            let world = try await World.make(harness)
            let created = try await world.task()
            await #expect(throws: BackendError.badRequest("param is missing or the value is empty: activity")) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: created.id, input: ActivityInput(), ifRevision: nil)
            }
            await #expect(throws: BackendError.badRequest("param is missing or the value is empty: activity")) {
                try await world.backend.createActivity(patientID: world.patient.id, input: ActivityInput())
            }
            await #expect(throws: BackendError.activityNotFound) {
                try await world.backend.updateActivity(patientID: world.patient.id, id: 987_654, input: ActivityInput(), ifRevision: nil)
            }
            await #expect(throws: BackendError.patientNotFound) {
                try await world.backend.createActivity(patientID: 987_654, input: ActivityInput())
            }
            #expect(try await world.backend.activity(patientID: world.patient.id, id: created.id).revision == created.revision)
        },
    ]
}
