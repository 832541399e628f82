/// The rules of the records that set-up commands add (users, patients), for every store.
public enum SetupRules {
    /// A person's name, trimmed; blank, holding a null character or over 200 characters is refused.
    public static func name(_ name: String) throws(BackendError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { throw .validation([ValidationMessage.nameBlank]) }
        if trimmed.containsNullCharacter { throw .validation([ValidationMessage.nullCharacter(named: "Name")]) }
        if trimmed.count > 200 { throw .validation([ValidationMessage.nameTooLong]) }
        return trimmed
    }

    /// A date of birth as typed (`1950-03-14`), or nil for none; it must be a real day from
    /// 1900 up to `today`.
    public static func dateOfBirth(_ text: String?, today: CivilDate) throws(BackendError) -> CivilDate? {
        guard let text, !text.isBlank else { return nil }
        guard let date = CivilDate(iso8601: text.trimmingCharacters(in: .whitespaces)), date.year >= 1900, date <= today
        else { throw .validation([ValidationMessage.dateOfBirthInvalid]) }
        return date
    }

    /// An id kept from another system must be positive.
    public static func keptID(_ id: Int64?) throws(BackendError) {
        if let id, id <= 0 { throw .validation(["Id must be greater than 0"]) }
    }
}

extension CivilDate {
    /// Today in UTC.
    public static func today() -> CivilDate { CivilDate(daysSinceEpoch: Timestamp.now().milliseconds / 86_400_000) }
}
