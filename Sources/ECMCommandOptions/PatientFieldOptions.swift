import ArgumentParser
import ECMDomain

/// A patient's fields as options (`ecm patients add|update`, `ecm-server patients add|update`):
/// `--name`, `--dob`, and one per member field named after its API key (`--cin`, `--ecm-status`,
/// `--enrollment-start`…), with help from its kind. Their text is read by
/// `PatientChange.reading`, as a member file's cells are; an empty value clears a field.
public struct PatientFieldOptions: ParsableArguments {
    @Option(help: "The patient's full name.") public var name: String?
    @Option(help: ArgumentHelp("Date of birth.", valueName: "YYYY-MM-DD|MM-DD-YYYY")) public var dob: String?
    @Option(name: .field(.cin), help: .field(.cin)) var cin: String?
    @Option(name: .field(.phone), help: .field(.phone)) var phone: String?
    @Option(name: .field(.preferredLanguage), help: .field(.preferredLanguage)) var preferredLanguage: String?
    @Option(name: .field(.addressStreet), help: .field(.addressStreet)) var addressStreet: String?
    @Option(name: .field(.addressCity), help: .field(.addressCity)) var addressCity: String?
    @Option(name: .field(.addressState), help: .field(.addressState)) var addressState: String?
    @Option(name: .field(.addressZIP), help: .field(.addressZIP)) var addressZIP: String?
    @Option(name: .field(.homeless), help: .field(.homeless)) var homeless: String?
    @Option(name: .field(.healthPlanName), help: .field(.healthPlanName)) var healthPlanName: String?
    @Option(name: .field(.healthPlanID), help: .field(.healthPlanID)) var healthPlanID: String?
    @Option(name: .field(.populationOfFocus), help: .field(.populationOfFocus)) var populationOfFocus: String?
    @Option(name: .field(.ecmStatus), help: .field(.ecmStatus)) var ecmStatus: String?
    @Option(name: .field(.enrollmentStart), help: .field(.enrollmentStart)) var enrollmentStart: String?
    @Option(name: .field(.enrollmentEnd), help: .field(.enrollmentEnd)) var enrollmentEnd: String?
    @Option(name: .field(.discontinuationReason), help: .field(.discontinuationReason)) var discontinuationReason: String?
    @Option(name: .field(.acuity), help: .field(.acuity)) var acuity: String?
    @Option(name: .field(.leadCareManagerID), help: .field(.leadCareManagerID)) var leadCareManagerID: String?

    public init() {}

    /// What was typed for a column; nil when its option was not given. A switch over the table,
    /// so that a new member field does not build until it has its option.
    public func typed(_ column: PatientColumn) -> String? {
        switch column {
        case .name: name
        case .dateOfBirth: dob
        // Member files split names; the command line takes them whole.
        case .firstName, .lastName: nil
        case .member(let field):
            switch field {
            case .cin: cin
            case .phone: phone
            case .preferredLanguage: preferredLanguage
            case .addressStreet: addressStreet
            case .addressCity: addressCity
            case .addressState: addressState
            case .addressZIP: addressZIP
            case .homeless: homeless
            case .healthPlanName: healthPlanName
            case .healthPlanID: healthPlanID
            case .populationOfFocus: populationOfFocus
            case .ecmStatus: ecmStatus
            case .enrollmentStart: enrollmentStart
            case .enrollmentEnd: enrollmentEnd
            case .discontinuationReason: discontinuationReason
            case .acuity: acuity
            case .leadCareManagerID: leadCareManagerID
            }
        }
    }

    /// The options given, by column.
    public var text: [PatientColumn: String] {
        var text: [PatientColumn: String] = [:]
        for column in PatientColumn.allCases { text[column] = typed(column) }
        return text
    }

    /// The change the options make, or `.validation` with every message; an update that names
    /// nothing is refused too.
    public func change(updating: Bool, today: CivilDate = .today()) throws(BackendError) -> PatientChange {
        let text = self.text
        if updating, text.isEmpty { throw .validation(["Give at least one field to change (see --help)"]) }
        let (change, messages) = PatientChange.reading(text, today: today)
        guard messages.isEmpty else { throw .validation(messages) }
        return change
    }
}

extension NameSpecification {
    /// `--ecm-status` for `ecm_status`.
    static func field(_ field: MemberField) -> NameSpecification {
        .customLong(field.rawValue.replacingOccurrences(of: "_", with: "-"))
    }
}

extension ArgumentHelp {
    /// The field's name and what its kind takes.
    static func field(_ field: MemberField) -> ArgumentHelp {
        switch field.kind {
        case .text: ArgumentHelp("\(field.humanName)" + (field.format.map { ": \($0)." } ?? "."), valueName: "text")
        case .date: ArgumentHelp("\(field.humanName).", valueName: "YYYY-MM-DD|MM-DD-YYYY")
        case .bool: ArgumentHelp("\(field.humanName).", valueName: "Y|N")
        case .word(let words): ArgumentHelp("\(field.humanName).", valueName: words.joined(separator: "|"))
        case .user: ArgumentHelp("\(field.humanName): a user of the patient's clinic.", valueName: "user-id")
        }
    }
}
