/// One patient to add or change with their record, as the set-up commands write them
/// (`ecm-server patients add|update|import`): its target, its change, what was wrong reading it,
/// and the label its messages carry (`row 3` in a member file).
public struct PatientWrite: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A new member of this clinic.
        case add(clinicID: Int64)
        /// The patient with this id, in whichever clinic.
        case update(id: Int64)

        /// The clinic an add joins.
        public var clinicAdded: Int64? {
            if case .add(let clinic) = self { clinic } else { nil }
        }
    }

    public var target: Target
    public var change: PatientChange
    /// What reading it found wrong (`PatientChange.reading`); the store adds its own.
    public var messages: [String]
    /// Put before each of its messages (`row 3: CIN is invalid`); nil for a write alone.
    public var label: String?

    public init(_ target: Target, _ change: PatientChange, messages: [String] = [], label: String? = nil) {
        self.target = target
        self.change = change
        self.messages = messages
        self.label = label
    }
}

/// Where a batch of writes is: checked, then written; told after each write.
public enum PatientWriteStage: String, Sendable {
    case checking, writing
}
