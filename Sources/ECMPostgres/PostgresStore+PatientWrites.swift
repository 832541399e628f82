import ECMDomain
import PostgresNIO

/// The administrator's writes of patients with their records on PostgreSQL
/// (`ecm-server patients add|update|import`): one transaction, checked whole before any row.
extension PostgresStore: PatientWriting {
    public func writePatients(
        _ writes: [PatientWrite], source: String, progress: @escaping @Sendable (PatientWriteStage, Int, Int) -> Void
    ) async throws(BackendError) -> [Patient] {
        let logger = logger
        // A member file may be long: the whole of it is one transaction, without a request's deadline.
        return try await transaction(limited: false) { connection in
            var batch = PatientBatch(writes)
            for clinic in batch.clinicsAdded {
                guard try await connection.exists(SQLBuilder.query(PatientSQL.clinicExists, clinic), logger: logger) else {
                    throw BackendError.validation([PatientSQL.clinicMustExistMessage])
                }
            }
            for (index, write) in writes.enumerated() {
                let (existing, clinic) = try await Self.target(connection, write.target, logger: logger)
                let member = batch.plan(index, existing: existing, clinicID: clinic)
                batch.add(
                    try await PostgresBackend.referenceMessages(connection, member, clinic: clinic, patientID: existing?.id, logger: logger), to: index)
                progress(.checking, index + 1, writes.count)
            }
            if let failure = batch.failure { throw failure }
            var patients: [Patient] = []
            var audit: [AuditEntry] = []
            for (done, plan) in batch.planned.enumerated() {
                let id: Int64
                if let existing = plan.id {
                    id = existing
                    try await PostgresBackend.updatePatientRow(
                        connection, id: id, name: plan.name, dateOfBirth: plan.dateOfBirth, member: plan.member, clinic: plan.clinicID, logger: logger)
                } else {
                    id = try await PostgresBackend.insertPatient(
                        connection, name: plan.name, dateOfBirth: plan.dateOfBirth, member: plan.member, clinic: plan.clinicID, logger: logger)
                }
                patients.append(
                    plan.id == nil ? plan.added(id: id) : try await PostgresBackend.patient(connection, id: id, clinic: plan.clinicID, logger: logger))
                audit.append(plan.auditEntry(id: id, source: source))
                progress(.writing, done + 1, batch.planned.count)
            }
            try await Self.appendAudit(connection, audit, logger: logger)
            return patients
        }
    }

    /// The patient a write changes and its clinic, or the clinic it adds to; a patient that does
    /// not exist refuses the batch.
    private static func target(_ connection: PostgresConnection, _ target: PatientWrite.Target, logger: Logger) async throws -> (Patient?, Int64) {
        switch target {
        case .add(let clinic):
            return (nil, clinic)
        case .update(let id):
            guard let clinic = try await connection.value(Int64.self, SQLBuilder.query(PatientSQL.clinicOfPatient, id), logger: logger) else {
                throw BackendError.patientNotFound
            }
            return (try await PostgresBackend.patient(connection, id: id, clinic: clinic, logger: logger), clinic)
        }
    }
}
