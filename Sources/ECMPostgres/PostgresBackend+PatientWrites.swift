import ECMDomain
import PostgresNIO

/// Adding and changing members of the clinic with their record (extension
/// `POST/PUT /v1/clinic/ecm/patients`), on `PatientSQL` as the SQLite store does.
extension PostgresBackend {
    public func createPatient(_ change: PatientChange) async throws(BackendError) -> Patient {
        let logger = logger
        return try await write(patientID: nil, audit: { AuditTarget(.create, "patient", patientID: $0.id, resourceID: $0.id) }) { connection, user in
            let (name, dateOfBirth, member) = try change.applied(to: nil)
            try await Self.checkReferences(connection, member, clinic: user.clinicID, patientID: nil, logger: logger)
            let id = try await Self.insertPatient(connection, name: name, dateOfBirth: dateOfBirth, member: member, clinic: user.clinicID, logger: logger)
            return try await Self.patient(connection, id: id, clinic: user.clinicID, logger: logger)
        }
    }

    public func updatePatient(id: Int64, _ change: PatientChange) async throws(BackendError) -> Patient {
        let logger = logger
        let target = AuditTarget(.update, "patient", patientID: id, resourceID: id)
        return try await write(patientID: id, audit: { _ in target }) { connection, user in
            let existing = try await Self.patient(connection, id: id, clinic: user.clinicID, logger: logger)
            let (name, dateOfBirth, member) = try change.applied(to: existing)
            try await Self.checkReferences(connection, member, clinic: user.clinicID, patientID: id, logger: logger)
            try await Self.updatePatientRow(
                connection, id: id, name: name, dateOfBirth: dateOfBirth, member: member, clinic: user.clinicID, logger: logger)
            return try await Self.patient(connection, id: id, clinic: user.clinicID, logger: logger)
        }
    }

    /// Inserts a member of `clinic`; returns the new id.
    static func insertPatient(
        _ connection: PostgresConnection, name: String, dateOfBirth: CivilDate?, member: MemberRecord, clinic: Int64, logger: Logger
    ) async throws -> Int64 {
        let now = Timestamp.now().milliseconds
        let insert = bound(
            PatientSQL.insert + " RETURNING id",
            [{ $0.bind(name) }, { $0.bind(SearchKey.fold(name)) }, { $0.bind(dateOfBirth?.iso8601) }, { $0.bind(now) }, { $0.bind(clinic) }]
                + binders(member))
        guard let id = try await connection.value(Int64.self, insert.query, logger: logger) else {
            throw BackendError.unavailable(BackendError.serviceUnavailableMessage)
        }
        return id
    }

    /// Writes a member's name, date of birth and record.
    static func updatePatientRow(
        _ connection: PostgresConnection, id: Int64, name: String, dateOfBirth: CivilDate?, member: MemberRecord, clinic: Int64, logger: Logger
    ) async throws {
        let update = bound(
            PatientSQL.update,
            [{ $0.bind(name) }, { $0.bind(SearchKey.fold(name)) }, { $0.bind(dateOfBirth?.iso8601) }] + binders(member)
                + [{ $0.bind(id) }, { $0.bind(clinic) }])
        try await connection.query(update.query, logger: logger)
    }

    /// Each member column's value, typed as its column is even when NULL.
    private static func binders(_ member: MemberRecord) -> [SQLBuilder.Binder] {
        zip(MemberField.allCases, member.storedValues).map { field, value -> SQLBuilder.Binder in
            field.isStoredAsInteger ? { $0.bind(value?.integer) } : { $0.bind(value?.text) }
        }
    }

    /// A statement of the shared SQL, its `?` bound by `binders` in turn.
    static func bound(_ sql: String, _ binders: [SQLBuilder.Binder]) -> SQLBuilder {
        var builder = SQLBuilder()
        builder.sql = builder.numbered(sql, binders: binders)
        return builder
    }

    /// The lead care manager must be a user of the clinic, and the CIN no other member's there.
    private static func checkReferences(
        _ connection: PostgresConnection, _ member: MemberRecord, clinic: Int64, patientID: Int64?, logger: Logger
    ) async throws {
        let messages = try await referenceMessages(connection, member, clinic: clinic, patientID: patientID, logger: logger)
        if !messages.isEmpty { throw BackendError.validation(messages) }
    }

    /// What `checkReferences` finds wrong.
    static func referenceMessages(
        _ connection: PostgresConnection, _ member: MemberRecord, clinic: Int64, patientID: Int64?, logger: Logger
    ) async throws -> [String] {
        var messages: [String] = []
        if let lead = member.leadCareManagerID, try await !connection.exists(SQLBuilder.query(PatientSQL.userOfClinic, lead, clinic), logger: logger) {
            messages.append(PatientChange.leadCareManagerMessage)
        }
        if let cin = member.cin {
            let taken = bound(PatientSQL.cinTaken, [{ $0.bind(clinic) }, { $0.bind(cin) }, { $0.bind(patientID ?? 0) }])
            if try await connection.exists(taken.query, logger: logger) { messages.append(PatientChange.takenCINMessage) }
        }
        return messages
    }
}
