import ECMDomain
import Logging
import PostgresNIO

extension PostgresBackend {
    public func patients(_ query: PatientQuery) async throws(BackendError) -> Page<Patient> {
        try query.page.validate(sizeName: "per_page")
        let search = PatientSearch(query.search ?? "")
        if !search.validationMessages.isEmpty { throw .validation(search.validationMessages) }
        let logger = logger
        return try await read { connection, user in
            var count = SQLBuilder("SELECT COUNT(*) FROM patients p")
            count.sql += Self.patientFilter(search, clinic: user.clinicID, into: &count)
            let total = try await connection.value(Int64.self, count.query, logger: logger) ?? 0
            var list = SQLBuilder("SELECT \(PostgresRows.patientColumns) FROM patients p")
            list.sql += Self.patientFilter(search, clinic: user.clinicID, into: &list)
            let order =
                switch query.sort {
                case .name: "p.name_key, p.id"
                case .recentActivity: "p.last_activity_at DESC NULLS LAST, p.id DESC"
                }
            list.sql += " ORDER BY \(order) LIMIT \(list.bind(query.page.size)) OFFSET \(list.bind(query.page.offset))"
            let patients = try await connection.rows(list.query, logger: logger).map(PostgresRows.patient)
            return Page(items: patients, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: Int(total)))
        }
    }

    /// The WHERE clause of a patient search in a clinic: every term must hold (as in the SQLite store).
    static func patientFilter(_ search: PatientSearch, clinic: Int64, into sql: inout SQLBuilder) -> String {
        let clinicCondition = "p.clinic_id = \(sql.bind(clinic))"
        let conditions = [clinicCondition] + search.terms.map { term -> String in
            switch term {
            case .nameContains(let key):
                return "p.name_key LIKE \(sql.bind(StoredColumns.likePattern(key))) ESCAPE '\\'"
            case .number(let id, let digits, nil):
                return "(p.id = \(sql.bind(id)) OR p.date_of_birth LIKE \(sql.bind(digits + "%")))"
            case .number(let id, let digits, let ending?):
                return "(p.id = \(sql.bind(id)) OR p.date_of_birth LIKE \(sql.bind(digits + "%")) OR p.phone LIKE \(sql.bind("%" + ending)))"
            case .birthDatePrefix(let prefix):
                return "p.date_of_birth LIKE \(sql.bind(prefix + "%"))"
            case .cin(let cin):
                return "p.cin = \(sql.bind(cin))"
            case .cinEnding(let ending):
                return "p.cin LIKE \(sql.bind("%" + ending))"
            case .phoneEnding(let ending):
                return "p.phone LIKE \(sql.bind("%" + ending))"
            }
        }
        return " WHERE " + conditions.joined(separator: " AND ")
    }

    public func patient(id: Int64) async throws(BackendError) -> Patient {
        let logger = logger
        return try await read { connection, user in try await Self.patient(connection, id: id, clinic: user.clinicID, logger: logger) }
    }

    /// A patient of the clinic; `.patientNotFound` for another clinic's, as for none.
    static func patient(_ connection: PostgresConnection, id: Int64, clinic: Int64, logger: Logger) async throws -> Patient {
        guard let row = try await connection.row(
            PostgresQuery(
                unsafeSQL: "SELECT \(PostgresRows.patientColumns) FROM patients p WHERE p.id = $1 AND p.clinic_id = $2", binds: binds(id, clinic)),
            logger: logger)
        else { throw BackendError.patientNotFound }
        return try PostgresRows.patient(row)
    }

    /// `.patientNotFound` unless the patient is the clinic's.
    static func requirePatient(_ connection: PostgresConnection, id: Int64, clinic: Int64, logger: Logger) async throws {
        guard try await !connection.rows(Prepared.PatientExists(id: id, clinic: clinic), logger: logger).isEmpty else {
            throw BackendError.patientNotFound
        }
    }

    /// Keeps `patients.last_activity_at` equal to the newest activity's time.
    static func refreshLastActivity(_ connection: PostgresConnection, patientID: Int64, logger: Logger) async throws {
        _ = try await connection.rows(Prepared.RefreshLastActivity(ids: [patientID]), logger: logger)
    }

    public func events(patientID: Int64, query: EventQuery) async throws(BackendError) -> Page<Event> {
        try query.page.validate(sizeName: "per_page")
        let logger = logger
        return try await read { connection, user in
            try await Self.requirePatient(connection, id: patientID, clinic: user.clinicID, logger: logger)
            var filter = SQLBuilder()
            var conditions = ["patient_id = \(filter.bind(patientID))"]
            if let type = query.eventType { conditions.append("event_type = \(filter.bind(type.rawValue))") }
            if let start = query.startDate { conditions.append("occurred_at >= \(filter.bind(start.milliseconds))") }
            if let end = query.endDate { conditions.append("occurred_at <= \(filter.bind(end.milliseconds))") }
            let condition = conditions.joined(separator: " AND ")
            let total = try await connection.value(
                Int64.self, PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM events WHERE \(condition)", binds: filter.binds), logger: logger) ?? 0
            var list = filter
            list.sql = """
                SELECT \(PostgresRows.eventColumns) FROM events WHERE \(condition)
                ORDER BY occurred_at DESC, id DESC LIMIT \(list.bind(query.page.size)) OFFSET \(list.bind(query.page.offset))
                """
            let events = try await connection.rows(list.query, logger: logger).map(PostgresRows.event)
            return Page(items: events, pagination: Pagination(page: query.page.page, perPage: query.page.size, totalCount: Int(total)))
        }
    }

    /// Bindings of plain values, in order.
    static func binds(_ values: Int64...) -> PostgresBindings {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return bindings
    }
}
