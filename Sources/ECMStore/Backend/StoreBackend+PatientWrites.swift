import ECMDomain
import GRDB

/// Adding and changing members of the clinic with their record (extension
/// `POST/PUT /v1/clinic/ecm/patients`), on `PatientSQL` as the PostgreSQL store does.
extension StoreBackend {
    public func createPatient(_ change: PatientChange) async throws(BackendError) -> Patient {
        try await write(
            audit: { AuditTarget(.create, "patient", patientID: $0.id, resourceID: $0.id) }, failed: AuditTarget(.create, "patient")
        ) { db, user in
            let (name, dateOfBirth, member) = try change.applied(to: nil)
            try Self.checkReferences(db, member, clinic: user.clinicID, patientID: nil)
            let id = try Self.insertPatient(db, name: name, dateOfBirth: dateOfBirth, member: member, clinic: user.clinicID)
            return try Self.patient(db, id: id, clinic: user.clinicID)
        }
    }

    public func updatePatient(id: Int64, _ change: PatientChange) async throws(BackendError) -> Patient {
        let target = AuditTarget(.update, "patient", patientID: id, resourceID: id)
        return try await write(audit: { _ in target }, failed: target) { db, user in
            let existing = try Self.patient(db, id: id, clinic: user.clinicID)
            let (name, dateOfBirth, member) = try change.applied(to: existing)
            try Self.checkReferences(db, member, clinic: user.clinicID, patientID: id)
            try Self.updatePatientRow(db, id: id, name: name, dateOfBirth: dateOfBirth, member: member, clinic: user.clinicID)
            return try Self.patient(db, id: id, clinic: user.clinicID)
        }
    }

    /// Inserts a member of `clinic`; returns the new id.
    static func insertPatient(_ db: Database, name: String, dateOfBirth: CivilDate?, member: MemberRecord, clinic: Int64) throws -> Int64 {
        try db.execute(
            cached: PatientSQL.insert,
            arguments: StatementArguments(
                [name, SearchKey.fold(name), dateOfBirth?.iso8601, Timestamp.now().milliseconds, clinic] as [(any DatabaseValueConvertible)?]
                    + memberArguments(member)))
        return db.lastInsertedRowID
    }

    /// Writes a member's name, date of birth and record.
    static func updatePatientRow(_ db: Database, id: Int64, name: String, dateOfBirth: CivilDate?, member: MemberRecord, clinic: Int64) throws {
        try db.execute(
            cached: PatientSQL.update,
            arguments: StatementArguments(
                [name, SearchKey.fold(name), dateOfBirth?.iso8601] as [(any DatabaseValueConvertible)?] + memberArguments(member) + [id, clinic]))
    }

    /// A member record as its columns bind, in `MemberField` order.
    static func memberArguments(_ member: MemberRecord) -> [(any DatabaseValueConvertible)?] {
        member.storedValues.map { value -> (any DatabaseValueConvertible)? in
            switch value {
            case .text(let text)?: text
            case .integer(let number)?: number
            case nil: nil
            }
        }
    }

    /// The lead care manager must be a user of the clinic, and the CIN no other member's there.
    private static func checkReferences(_ db: Database, _ member: MemberRecord, clinic: Int64, patientID: Int64?) throws {
        let messages = try referenceMessages(db, member, clinic: clinic, patientID: patientID)
        if !messages.isEmpty { throw BackendError.validation(messages) }
    }

    /// What `checkReferences` finds wrong.
    static func referenceMessages(_ db: Database, _ member: MemberRecord, clinic: Int64, patientID: Int64?) throws -> [String] {
        var messages: [String] = []
        if let lead = member.leadCareManagerID,
            try Bool.fetchOne(db, cached: PatientSQL.userOfClinic, arguments: [lead, clinic]) == nil
        {
            messages.append(PatientChange.leadCareManagerMessage)
        }
        if let cin = member.cin, try Bool.fetchOne(db, cached: PatientSQL.cinTaken, arguments: [clinic, cin, patientID ?? 0]) != nil {
            messages.append(PatientChange.takenCINMessage)
        }
        return messages
    }
}
