/// The checks of a batch of writes that need no store, and its messages: each write's own, the
/// rules across its record's fields, a CIN given twice in one clinic. Both stores run it in their
/// transaction, adding what needs the store (the lead care manager, a CIN another member has),
/// and write nothing unless `failure` is nil.
public struct PatientBatch: Sendable {
    /// A write that can be made: what the patient becomes.
    public struct Planned: Sendable {
        public var index: Int
        public var id: Int64?
        public var clinicID: Int64
        public var name: String
        public var dateOfBirth: CivilDate?
        public var member: MemberRecord

        /// The patient it adds once written with `id` (nothing to read back: no activity yet).
        public func added(id: Int64) -> Patient { Patient(id: id, name: name, dateOfBirth: dateOfBirth, member: member) }

        /// Its audit row once written as patient `id`: a create or an update, by no user, from
        /// `source` (the command).
        public func auditEntry(id: Int64, source: String) -> AuditEntry {
            AuditTarget(self.id == nil ? .create : .update, "patient", patientID: id, resourceID: id)
                .entry(userID: nil, clinicID: clinicID, context: AuditContext(remoteAddress: source))
        }
    }

    /// The clinics the batch adds to, each once (each must exist).
    public var clinicsAdded: Set<Int64> { Set(writes.compactMap(\.target.clinicAdded)) }

    public let writes: [PatientWrite]
    public private(set) var planned: [Planned] = []
    private var messages: [[String]]
    /// Which write first gave each CIN, by clinic.
    private var cinOwners: [Int64: [String: Int]] = [:]

    public init(_ writes: [PatientWrite]) {
        self.writes = writes
        messages = writes.map(\.messages)
    }

    /// Plans write `index` on the patient it changes (nil: it adds one to `clinicID`): the record
    /// it makes, for the store's own checks.
    public mutating func plan(_ index: Int, existing: Patient?, clinicID: Int64) -> MemberRecord {
        let change = writes[index].change
        let name = change.name ?? existing?.name
        let member = change.member.applied(to: existing?.member ?? MemberRecord())
        var found = MemberChange.messages(for: member)
        // A name refused when reading, or a row that could not be read at all, is not reported
        // again as a missing name.
        let unread = !writes[index].messages.isEmpty && (change == PatientChange() || messages[index].contains { $0.hasPrefix("Name ") })
        if name == nil, !unread { found.insert(ValidationMessage.nameBlank, at: 0) }
        messages[index] += found
        if let cin = member.cin {
            if let owner = cinOwners[clinicID]?[cin] {
                messages[index].append("\(PatientChange.takenCINMessage) (\(writes[owner].label ?? "another patient") has it)")
            } else {
                cinOwners[clinicID, default: [:]][cin] = index
            }
        }
        if messages[index].isEmpty, let name {
            let dateOfBirth = change.dateOfBirth ?? existing?.dateOfBirth
            planned.append(Planned(index: index, id: existing?.id, clinicID: clinicID, name: name, dateOfBirth: dateOfBirth, member: member))
        }
        return member
    }

    /// Adds the store's messages for write `index`; it is then not written.
    public mutating func add(_ storeMessages: [String], to index: Int) {
        guard !storeMessages.isEmpty else { return }
        // A CIN already reported as another row's is not reported again as taken.
        let repeated = messages[index].contains { $0.hasPrefix(PatientChange.takenCINMessage) }
        messages[index] += storeMessages.filter { !(repeated && $0 == PatientChange.takenCINMessage) }
        planned.removeAll { $0.index == index }
    }

    /// Every message of the batch, each after its write's label, in the writes' order; nil
    /// when every write can be made.
    public var failure: BackendError? {
        var all: [String] = []
        for (write, messages) in zip(writes, messages) {
            all += messages.map { message in write.label.map { "\($0): \(message)" } ?? message }
        }
        return all.isEmpty ? nil : .validation(all)
    }
}
