/// A patient as a request adds or changes them (extension `POST/PUT /v1/clinic/ecm/patients`,
/// `{"patient": {"name", "date_of_birth", …the member record}}`): what is named changes, the
/// rest stays. Every message at once, Rails-style.
public struct PatientChange: Sendable, Hashable {
    public var name: String?
    /// Absent: unchanged; `.some(nil)`: cleared.
    public var dateOfBirth: CivilDate??
    public var member: MemberChange

    public static let missingPatientMessage = "param is missing or the value is empty: patient"
    public static let leadCareManagerMessage = "Lead care manager must exist"
    public static let takenCINMessage = "CIN has already been taken"

    public init(name: String? = nil, dateOfBirth: CivilDate?? = nil, member: MemberChange = MemberChange()) {
        self.name = name
        self.dateOfBirth = dateOfBirth
        self.member = member
    }

    /// Reads a request body; `creating` requires a name. `.badRequest` without a `patient`
    /// object; `.validation` with each field's message.
    public init(_ body: JSONValue, creating: Bool, today: CivilDate) throws(BackendError) {
        guard case .object(let root) = body, case .object(let fields)? = root["patient"] else {
            throw .badRequest(Self.missingPatientMessage)
        }
        var messages: [String] = []
        switch fields["name"] {
        case nil where !creating: break
        case .string(let text)?:
            do { name = try SetupRules.name(text) } catch { messages += error.messages }
        default: messages.append(ValidationMessage.nameBlank)
        }
        switch fields["date_of_birth"] {
        case nil: break
        case .null?: dateOfBirth = .some(nil)
        case .string(let text)?:
            do { dateOfBirth = .some(try SetupRules.dateOfBirth(text, today: today)) } catch { messages += error.messages }
        default: messages.append(ValidationMessage.dateOfBirthInvalid)
        }
        do { member = try MemberChange(json: fields) } catch {
            member = MemberChange()
            messages += error.messages
        }
        guard messages.isEmpty else { throw .validation(messages) }
    }

    /// The request body for this change (the REST client sends it).
    public func requestJSON() -> JSONValue {
        var patient: [String: JSONValue] = [:]
        if let name { patient["name"] = .string(name) }
        if let dateOfBirth { patient["date_of_birth"] = dateOfBirth.map { .string($0.iso8601) } ?? .null }
        for (field, value) in member.values {
            patient[field.rawValue] =
                switch value {
                case nil: .null
                case .text(let text)?: .string(text)
                case .date(let date)?: .string(date.iso8601)
                case .bool(let flag)?: .bool(flag)
                case .integer(let id)?: .integer(id)
                }
        }
        return .object(["patient": .object(patient)])
    }
}

extension PatientChange {
    /// The patient a change makes of `existing` (nil: a new one): its name, date of birth and
    /// record, or `.validation` with what the record breaks across its fields. Whether the lead
    /// care manager is the clinic's and whether the CIN is free are the store's to check.
    public func applied(to existing: Patient?) throws(BackendError) -> (name: String, dateOfBirth: CivilDate?, member: MemberRecord) {
        guard let name = name ?? existing?.name else { throw .validation([ValidationMessage.nameBlank]) }
        let dateOfBirth = self.dateOfBirth ?? existing?.dateOfBirth
        let member = self.member.applied(to: existing?.member ?? MemberRecord())
        let messages = MemberChange.messages(for: member)
        guard messages.isEmpty else { throw .validation(messages) }
        return (name, dateOfBirth, member)
    }
}

/// The SQL both stores write patients with, `?` bound in order.
public enum PatientSQL {
    /// The member record's columns, in the table's order.
    public static let memberColumns = MemberField.allCases.map(\.column)

    /// `?`: name, name key, date of birth, created at, clinic, then each member column.
    public static let insert = """
        INSERT INTO patients (name, name_key, date_of_birth, created_at, clinic_id, \(memberColumns.joined(separator: ", ")))
        VALUES (?, ?, ?, ?, ?, \(memberColumns.map { _ in "?" }.joined(separator: ", ")))
        """

    /// `?`: name, name key, date of birth, each member column, then the id and the clinic.
    public static let update = """
        UPDATE patients SET name = ?, name_key = ?, date_of_birth = ?, \(memberColumns.map { "\($0) = ?" }.joined(separator: ", "))
        WHERE id = ? AND clinic_id = ?
        """

    /// `?`: the user, the clinic.
    public static let userOfClinic = "SELECT 1 FROM users WHERE id = ? AND clinic_id = ?"
    /// `?`: the clinic, the CIN, the patient it may be (0 for a new one).
    public static let cinTaken = "SELECT 1 FROM patients WHERE clinic_id = ? AND cin = ? AND id <> ?"
    /// `?`: the patient.
    public static let clinicOfPatient = "SELECT clinic_id FROM patients WHERE id = ?"
    /// `?`: the clinic.
    public static let clinicExists = "SELECT 1 FROM clinics WHERE id = ?"
    public static let clinicMustExistMessage = "Clinic must exist"
}
