import ECMDomain
import GRDB

/// The administrator's writes of patients with their records on the SQLite store
/// (`ecm-server patients add|update|import`): one transaction, checked whole before any row.
extension AppDatabase: PatientWriting {
    public func writePatients(
        _ writes: [PatientWrite], source: String, progress: @escaping @Sendable (PatientWriteStage, Int, Int) -> Void
    ) async throws(BackendError) -> [Patient] {
        try await write { db in
            var batch = PatientBatch(writes)
            for clinic in batch.clinicsAdded where try Bool.fetchOne(db, cached: PatientSQL.clinicExists, arguments: [clinic]) == nil {
                throw BackendError.validation([PatientSQL.clinicMustExistMessage])
            }
            for (index, write) in writes.enumerated() {
                let (existing, clinic) = try Self.target(db, write.target)
                let member = batch.plan(index, existing: existing, clinicID: clinic)
                batch.add(try StoreBackend.referenceMessages(db, member, clinic: clinic, patientID: existing?.id), to: index)
                progress(.checking, index + 1, writes.count)
            }
            if let failure = batch.failure { throw failure }
            var patients: [Patient] = []
            var audit: [AuditEntry] = []
            for (done, plan) in batch.planned.enumerated() {
                let id: Int64
                if let existing = plan.id {
                    id = existing
                    try StoreBackend.updatePatientRow(db, id: id, name: plan.name, dateOfBirth: plan.dateOfBirth, member: plan.member, clinic: plan.clinicID)
                    patients.append(try StoreBackend.patient(db, id: id, clinic: plan.clinicID))
                } else {
                    id = try StoreBackend.insertPatient(db, name: plan.name, dateOfBirth: plan.dateOfBirth, member: plan.member, clinic: plan.clinicID)
                    patients.append(plan.added(id: id))
                }
                audit.append(plan.auditEntry(id: id, source: source))
                progress(.writing, done + 1, batch.planned.count)
            }
            try Self.appendAudit(db, audit)
            return patients
        }
    }

    /// The patient a write changes and its clinic, or the clinic it adds to; a patient that does
    /// not exist refuses the batch.
    private static func target(_ db: Database, _ target: PatientWrite.Target) throws -> (Patient?, Int64) {
        switch target {
        case .add(let clinic):
            return (nil, clinic)
        case .update(let id):
            guard let clinic = try Int64.fetchOne(db, cached: PatientSQL.clinicOfPatient, arguments: [id]) else { throw BackendError.patientNotFound }
            return (try StoreBackend.patient(db, id: id, clinic: clinic), clinic)
        }
    }
}
