/// One field of a create or update request, keeping apart what JSON keeps apart: a key that is
/// absent (leave as is), an explicit `null` (clear), a value, and a value of the wrong type.
public enum Field<Value: Sendable & Hashable>: Sendable, Hashable {
    case absent
    case null
    case value(Value)
    /// Present but unusable (`"assigned_to_id": "abc"`): validation reports it, and a client
    /// passes the value on as it came so that a server reports it the same way.
    case invalid(JSONValue)

    public var isPresent: Bool {
        if case .absent = self { return false }
        return true
    }

    /// The value, or nil when absent, null or invalid.
    public var value: Value? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// Applies this field to an existing value: absent keeps it, null clears it.
    public func applied(to existing: Value?) -> Value? {
        switch self {
        case .absent: existing
        case .null, .invalid: nil
        case .value(let value): value
        }
    }

    public init(_ optional: Value?) {
        self = optional.map(Field.value) ?? .absent
    }
}

extension Field: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}
