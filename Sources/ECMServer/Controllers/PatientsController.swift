import ECMDomain
import Hummingbird

/// Extensions: patients, their events, the care team and the acting user.
struct PatientsController<Repository: ActivityRepository>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("ecm/patients", use: list)
        group.post("ecm/patients", use: create)
        group.get("ecm/patients/:patient_id", use: show)
        group.put("ecm/patients/:patient_id", use: update)
        group.patch("ecm/patients/:patient_id", use: update)
        group.get("ecm/patients/:patient_id/events", use: events)
        group.get("users", use: users)
        group.get("me", use: me)
    }

    private func backend(_ context: ECMRequestContext) throws(BackendError) -> any ActivityBackend {
        repository.backend(actingAs: try context.requireUser())
    }

    @Sendable func list(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let query = try PatientQuery(parameters: request.queryDictionary)
        return JSONResponse.make(PatientsBody(try await backend(context).patients(query)))
    }

    @Sendable func show(_ request: Request, context: ECMRequestContext) async throws -> Response {
        JSONResponse.make(PatientBody(try await backend(context).patient(id: try context.patientID())))
    }

    /// 201 with the member and their `Location`.
    @Sendable func create(_ request: Request, context: ECMRequestContext) async throws -> Response {
        var request = request
        let change = try PatientChange(try await request.jsonValue(context: context), creating: true, today: .today())
        let respond: @Sendable (Patient) -> RecordedResponse = { JSONResponse.answer(PatientBody($0), status: .created) }
        let patient = try await context.backend(repository, respond: respond).createPatient(change)
        var response = JSONResponse.recorded(respond(patient))
        response.headers[.location] = "/v1/clinic/ecm/patients/\(patient.id)"
        return response
    }

    @Sendable func update(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let id = try context.patientID()
        var request = request
        let change = try PatientChange(try await request.jsonValue(context: context), creating: false, today: .today())
        let respond: @Sendable (Patient) -> RecordedResponse = { JSONResponse.answer(PatientBody($0), status: .ok) }
        return JSONResponse.recorded(respond(try await context.backend(repository, respond: respond).updatePatient(id: id, change)))
    }

    @Sendable func events(_ request: Request, context: ECMRequestContext) async throws -> Response {
        let patientID = try context.patientID()
        let query = try EventQuery(parameters: request.queryDictionary)
        return JSONResponse.make(EventsBody(try await backend(context).events(patientID: patientID, query: query)))
    }

    @Sendable func users(_ request: Request, context: ECMRequestContext) async throws -> Response {
        JSONResponse.make(UsersBody(try await backend(context).users(search: request.queryDictionary["search"])))
    }

    @Sendable func me(_ request: Request, context: ECMRequestContext) async throws -> Response {
        JSONResponse.make(UserBody(try context.requireUser()))
    }
}
