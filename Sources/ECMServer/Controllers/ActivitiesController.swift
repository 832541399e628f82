import ECMDomain
import Foundation
import Hummingbird

/// The spec's five endpoints, plus an activity's comments and the cross-patient queue.
struct ActivitiesController<Repository: ActivityRepository>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("ecm/patients/:patient_id/activities", use: list)
        group.post("ecm/patients/:patient_id/activities", use: create)
        group.get("ecm/patients/:patient_id/activities/:id", use: show)
        group.put("ecm/patients/:patient_id/activities/:id", use: update)
        group.patch("ecm/patients/:patient_id/activities/:id", use: update)
        group.delete("ecm/patients/:patient_id/activities/:id", use: delete)
        group.get("ecm/patients/:patient_id/activities/:id/comments", use: comments)
        group.post("ecm/patients/:patient_id/activities/:id/comments", use: addComment)
        group.get("ecm/activities", use: queue)
    }

    private func backend(_ context: ECMRequestContext) throws(BackendError) -> any ActivityBackend {
        repository.backend(actingAs: try context.requireUser())
    }

    @Sendable func list(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let patientID = try context.patientID()
        let query = try ActivityQuery(parameters: request.queryDictionary)
        let page = try await backend(context).activities(patientID: patientID, query: query)
        return JSONResponse.make(ActivitiesBody(page))
    }

    @Sendable func show(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let detail = try await backend(context).activity(patientID: try context.patientID(), id: try context.activityID())
        return JSONResponse.activity(detail)
    }

    /// The request's `activity`. As in Rails, a missing record (404, checked by `recordExists`)
    /// is reported before a malformed body (400).
    private func activityInput(
        _ request: Request, context: ECMRequestContext, recordExists: () async throws -> Void
    ) async throws -> ActivityInput {
        var request = request
        do {
            return try ActivityInput.decodeRequest(try await request.jsonBody(context: context))
        } catch let error as BackendError {
            try await recordExists()
            throw error
        }
    }

    @Sendable func create(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let patientID = try context.patientID()
        let input = try await activityInput(request, context: context) {
            _ = try await backend(context).patient(id: patientID)
        }
        let respond: @Sendable (ActivityDetail) -> RecordedResponse = { detail in
            JSONResponse.activityAnswer(
                detail, status: .created, location: "/v1/clinic/ecm/patients/\(patientID)/activities/\(detail.id)")
        }
        let detail = try await context.backend(repository, respond: respond).createActivity(patientID: patientID, input: input)
        return JSONResponse.recorded(respond(detail))
    }

    @Sendable func update(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let patientID = try context.patientID()
        let id = try context.activityID()
        let input = try await activityInput(request, context: context) {
            _ = try await backend(context).activity(patientID: patientID, id: id)
        }
        let respond: @Sendable (ActivityDetail) -> RecordedResponse = { JSONResponse.activityAnswer($0) }
        let detail = try await context.backend(repository, respond: respond).updateActivity(
            patientID: patientID, id: id, input: input, ifRevision: ETag.requiredRevision(request))
        return JSONResponse.recorded(respond(detail))
    }

    @Sendable func delete(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let respond: @Sendable (Void) -> RecordedResponse = { _ in RecordedResponse(status: 204, body: []) }
        try await context.backend(repository, respond: respond).deleteActivity(
            patientID: try context.patientID(), id: try context.activityID(), ifRevision: ETag.requiredRevision(request))
        return JSONResponse.recorded(respond(()))
    }

    @Sendable func comments(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let patientID = try context.patientID()
        let id = try context.activityID()
        let parameters = request.queryDictionary
        let query = try PatientQuery(parameters: ["page": parameters["page"] ?? "", "per_page": parameters["per_page"] ?? ""])
        let page = try await backend(context).comments(patientID: patientID, activityID: id, page: query.page)
        return JSONResponse.make(CommentsBody(page))
    }

    @Sendable func addComment(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let patientID = try context.patientID()
        let id = try context.activityID()
        var request = request
        let value = try await request.jsonValue(context: context)
        guard case .object(let root) = value, case .object(let fields)? = root["comment"] else {
            throw BackendError.badRequest("param is missing or the value is empty: comment")
        }
        let body: String
        switch fields["body"] {
        case .string(let text)?: body = text
        case nil, .null?: body = ""
        default: throw BackendError.validation(["Body is invalid"])
        }
        let respond: @Sendable (Comment) -> RecordedResponse = { JSONResponse.answer(CommentBody($0), status: .created) }
        let comment = try await context.backend(repository, respond: respond).addComment(patientID: patientID, activityID: id, body: body)
        return JSONResponse.recorded(respond(comment))
    }

    @Sendable func queue(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let query = try ActivityQuery(parameters: request.queryDictionary)
        return JSONResponse.make(ActivitiesBody(try await backend(context).queue(query)))
    }
}
