/// Any JSON value, parsed without a schema (`init(parsing:)`) so that requests with wrong types
/// can be answered field by field instead of failing whole.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])
}

extension JSONValue: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .null: writer.null()
        case .bool(let value): writer.bool(value)
        case .integer(let value): writer.integer(value)
        case .number(let value): writer.number(value)
        case .string(let value): writer.string(value)
        case .array(let value): writer.array(value)
        case .object(let value): value.writeJSON(to: &writer)
        }
    }
}
