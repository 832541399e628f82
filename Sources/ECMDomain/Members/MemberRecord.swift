/// A member's record beyond their name and date of birth (extensions, issue 14): what tells
/// namesakes apart, how to reach them, their health plan, and where they are in ECM. Every
/// value is optional: a plan's member file rarely fills them all.
public struct MemberRecord: Hashable, Sendable {
    /// Medi-Cal Client Index Number: 8 digits and a letter (`91234567A`).
    public var cin: String?
    /// Ten digits, as dialled in the US (`5551234567`).
    public var phone: String?
    public var preferredLanguage: String?
    public var addressStreet: String?
    public var addressCity: String?
    /// Two letters (`CA`).
    public var addressState: String?
    /// `95814` or `95814-1234`.
    public var addressZIP: String?
    public var homeless: Bool?
    /// The managed care plan (MCP) and the member's id with it.
    public var healthPlanName: String?
    public var healthPlanID: String?
    /// The DHCS population of focus the member is enrolled under.
    public var populationOfFocus: String?
    public var ecmStatus: ECMStatus?
    public var enrollmentStart: CivilDate?
    public var enrollmentEnd: CivilDate?
    public var discontinuationReason: String?
    public var acuity: Acuity?
    /// The care team member who leads the member's care (a user of the clinic).
    public var leadCareManagerID: Int64?

    public init() {}

    /// Nothing recorded.
    public var isEmpty: Bool { MemberField.allCases.allSatisfy { $0.value(in: self) == nil } }
}

/// Where a member is in ECM: reached out to, enrolled, declined, or discontinued.
public enum ECMStatus: String, CaseIterable, Sendable, Hashable {
    case outreach, enrolled, declined, discontinued
}

/// How much care the member needs.
public enum Acuity: String, CaseIterable, Sendable, Hashable {
    case low, medium, high
}
