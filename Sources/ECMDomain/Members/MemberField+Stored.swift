/// How both stores keep a member's record: one column per field, text for words, text and
/// dates (ISO 8601), an integer for a flag (0/1) and a user's id. What a store reads back that
/// is not what it wrote (a hand-edited row) is left out rather than shown wrong.
extension MemberField {
    public func stored(_ value: Value?) -> StoredScalar? {
        switch value {
        case nil: nil
        case .text(let text)?: .text(text)
        case .date(let date)?: .text(date.iso8601)
        case .bool(let flag)?: .integer(flag ? 1 : 0)
        case .integer(let id)?: .integer(id)
        }
    }

    public func value(stored: StoredScalar?) -> Value? {
        switch (kind, stored) {
        case (_, nil): nil
        case (.bool, .integer(let flag)?): .bool(flag != 0)
        case (.user, .integer(let id)?): .integer(id)
        case (.date, .text(let text)?): CivilDate(iso8601: text).map(Value.date)
        case (.text, .text(let text)?), (.word, .text(let text)?): .text(text)
        default: nil
        }
    }

    /// Whether the column holds integers (else text).
    public var isStoredAsInteger: Bool {
        switch kind {
        case .bool, .user: true
        default: false
        }
    }
}

extension MemberRecord {
    /// Each field's stored value, in the table's order.
    public var storedValues: [StoredScalar?] { MemberField.allCases.map { $0.stored($0.value(in: self)) } }

    /// A record from its stored values, in the table's order.
    public init(stored values: [StoredScalar?]) {
        self.init()
        for (field, value) in zip(MemberField.allCases, values) { field.set(field.value(stored: value), in: &self) }
    }
}
