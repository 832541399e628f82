import ECMDomain
import GRDB

extension StoreBackend {
    public func patients(_ query: PatientQuery) async throws(BackendError) -> Page<Patient> {
        try query.page.validate(sizeName: "per_page")
        let search = PatientSearch(query.search ?? "")
        if !search.validationMessages.isEmpty { throw .validation(search.validationMessages) }
        return try await read(audit: AuditTarget(query.search?.isBlank == false ? .search : .read, "patients")) { db, user in
            let (filter, arguments) = Self.patientFilter(search, clinic: user.clinicID)
            let total = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM patients \(filter)", arguments: arguments) ?? 0
            let order =
                switch query.sort {
                case .name: "name_key, id"
                case .recentActivity: "last_activity_at DESC, id DESC"
                }
            let patients = try Row.fetchAll(
                db,
                cached: """
                    SELECT \(Self.patientColumns) FROM patients p \(filter)
                    ORDER BY \(order) LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [query.page.size, query.page.offset], as: Self.patient)
            return Page(
                items: patients,
                pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    public func patient(id: Int64) async throws(BackendError) -> Patient {
        try await read(audit: AuditTarget(.read, "patient", patientID: id, resourceID: id)) { db, user in
            try Self.patient(db, id: id, clinic: user.clinicID)
        }
    }

    public func events(patientID: Int64, query: EventQuery) async throws(BackendError) -> Page<Event> {
        try query.page.validate(sizeName: "per_page")
        return try await read(audit: AuditTarget(.read, "events", patientID: patientID)) { db, user in
            try Self.requirePatient(db, id: patientID, clinic: user.clinicID)
            var conditions = ["patient_id = ?"]
            var arguments: StatementArguments = [patientID]
            if let type = query.eventType {
                conditions.append("event_type = ?")
                arguments += [type.rawValue]
            }
            if let start = query.startDate {
                conditions.append("occurred_at >= ?")
                arguments += [start.milliseconds]
            }
            if let end = query.endDate {
                conditions.append("occurred_at <= ?")
                arguments += [end.milliseconds]
            }
            let filter = conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, cached: "SELECT COUNT(*) FROM events WHERE \(filter)", arguments: arguments) ?? 0
            let events = try Row.fetchAll(
                db,
                cached: """
                    SELECT * FROM events WHERE \(filter)
                    ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [query.page.size, query.page.offset], as: ActivitySQL.event)
            return Page(
                items: events,
                pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: total))
        }
    }

    /// The WHERE clause of a patient search in a clinic: every term must hold.
    static func patientFilter(_ search: PatientSearch, clinic: Int64) -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = ["clinic_id = ?"]
        var arguments: StatementArguments = [clinic]
        for term in search.terms {
            switch term {
            case .nameContains(let key):
                conditions.append("name_key LIKE ? ESCAPE '\\'")
                arguments += [StoredColumns.likePattern(key)]
            case .number(let id, let digits, nil):
                conditions.append("(id = ? OR date_of_birth LIKE ?)")
                arguments += [id, digits + "%"]
            case .number(let id, let digits, let ending?):
                conditions.append("(id = ? OR date_of_birth LIKE ? OR phone LIKE ?)")
                arguments += [id, digits + "%", "%" + ending]
            case .birthDatePrefix(let prefix):
                conditions.append("date_of_birth LIKE ?")
                arguments += [prefix + "%"]
            case .cin(let cin):
                conditions.append("cin = ?")
                arguments += [cin]
            case .cinEnding(let ending):
                conditions.append("cin LIKE ?")
                arguments += ["%" + ending]
            case .phoneEnding(let ending):
                conditions.append("phone LIKE ?")
                arguments += ["%" + ending]
            }
        }
        return ("WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    static let patientColumns = """
        p.id, p.name, p.date_of_birth, p.last_activity_at,
        (SELECT COUNT(*) FROM activities a WHERE a.patient_id = p.id AND a.status = 'created')
          AS open_activities_count, \(MemberField.allCases.map { "p." + $0.column }.joined(separator: ", "))
        """

    static func patient(_ row: Row) -> Patient {
        let dob: String? = row["date_of_birth"]
        let last: Int64? = row["last_activity_at"]
        return Patient(
            id: row["id"], name: row["name"], dateOfBirth: dob.flatMap(CivilDate.init(iso8601:)),
            openActivitiesCount: row["open_activities_count"],
            lastActivityAt: last.map(Timestamp.init(milliseconds:)),
            member: MemberRecord(stored: MemberField.allCases.map { field in
                switch (row[field.column] as DatabaseValue).storage {
                case .int64(let number): .integer(number)
                case .string(let text): .text(text)
                default: nil
                }
            }))
    }

    /// A patient of the clinic; `.patientNotFound` for another clinic's, as for none.
    static func patient(_ db: Database, id: Int64, clinic: Int64) throws -> Patient {
        guard let patient = try Row.fetchOne(
            db, cached: "SELECT \(patientColumns) FROM patients p WHERE p.id = ? AND p.clinic_id = ?", arguments: [id, clinic], as: patient)
        else { throw BackendError.patientNotFound }
        return patient
    }

    /// `.patientNotFound` unless the patient is the clinic's.
    static func requirePatient(_ db: Database, id: Int64, clinic: Int64) throws {
        guard try Bool.fetchOne(db, cached: "SELECT 1 FROM patients WHERE id = ? AND clinic_id = ?", arguments: [id, clinic]) != nil else {
            throw BackendError.patientNotFound
        }
    }

    /// Keeps `patients.last_activity_at` equal to the newest activity's time.
    static func refreshLastActivity(_ db: Database, patientID: Int64) throws {
        try db.execute(
            cached: """
                UPDATE patients SET last_activity_at =
                  (SELECT MAX(occurred_at) FROM activities WHERE patient_id = ?1)
                WHERE id = ?1
                """,
            arguments: [patientID])
    }
}
