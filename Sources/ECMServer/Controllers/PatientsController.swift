import ECMDomain
import Hummingbird

/// Extensions: patients, their events, the care team and the acting user.
struct PatientsController<Repository: ActivityRepository>: Sendable {
    let repository: Repository

    func addRoutes(to group: RouterGroup<ECMRequestContext>) {
        group.get("ecm/patients", use: list)
        group.get("ecm/patients/:patient_id", use: show)
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
