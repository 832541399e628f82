import ECMDomain

/// A patient written out for people: name, date of birth, activity, then each field of the
/// member record that has a value, named as messages name it.
enum PatientText {
    static func detail(_ patient: Patient) -> String {
        var lines = [
            "Patient \(patient.id): \(TerminalSafe.line(patient.name))",
            "Date of birth: \(patient.dateOfBirth?.iso8601 ?? "-")",
            "Open activities: \(patient.openActivitiesCount)",
            "Last activity: \(patient.lastActivityAt.map(Formatting.when) ?? "-")",
        ]
        for field in MemberField.allCases {
            guard let value = field.value(in: patient.member) else { continue }
            lines.append("\(field.humanName): \(TerminalSafe.line(text(value)))")
        }
        return lines.joined(separator: "\n")
    }

    static func text(_ value: MemberField.Value) -> String {
        switch value {
        case .text(let text): text
        case .date(let date): date.iso8601
        case .bool(let flag): flag ? "yes" : "no"
        case .integer(let id): "user \(id)"
        }
    }
}
