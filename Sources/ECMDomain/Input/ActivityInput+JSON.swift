import Foundation

extension ActivityInput {
    /// Reads a request body `{"activity": {...}}`; of duplicate keys the last wins. Unknown keys
    /// are ignored; values of the wrong type become `.invalid` fields for validation to report. Throws `BackendError.badRequest`
    /// for a body that is not JSON or has no `activity` object.
    public static func decodeRequest(_ data: Data) throws(BackendError) -> ActivityInput {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: data)
        } catch {
            throw .badRequest("Request body is not valid JSON")
        }
        guard case .object(let object) = root, case .object(let activity)? = object["activity"],
            !activity.isEmpty
        else {
            throw .badRequest(missingActivityMessage)
        }
        return ActivityInput(json: activity)
    }

    /// Rails' answer to a body without a usable `activity` object.
    public static let missingActivityMessage = "param is missing or the value is empty: activity"

    /// Builds the input from the `activity` object's members.
    public init(json object: [String: JSONValue]) {
        self.init()
        for field in ActivityField.allCases { self[field] = field.slot.decode(object[field.rawValue]) }
    }

    /// The request body for this input: only the present fields, nulls kept.
    public func requestJSON() -> JSONValue {
        var object: [String: JSONValue] = [:]
        for field in ActivityField.allCases {
            switch self[field] {
            case .absent: break
            case .invalid(let raw): object[field.rawValue] = raw
            case .null: object[field.rawValue] = .null
            case .value(let value): object[field.rawValue] = value.json
            }
        }
        return .object(["activity": .object(object)])
    }

    static func string(_ value: JSONValue?) -> Field<String> {
        switch value {
        case nil: .absent
        case .null?: .null
        case .string(let text)?: .value(text)
        case let other?: .invalid(other)
        }
    }

    /// Integers, also written as strings of digits (`"789"`), as Rails casts them.
    static func integer(_ value: JSONValue?) -> Field<Int64> {
        switch value {
        case nil: .absent
        case .null?: .null
        case .integer(let number)?: .value(number)
        case .number(let number)? where number.rounded() == number && abs(number) < 9e15:
            .value(Int64(number))
        case .string(let text)?:
            text.isBlank ? .null : Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)).map(Field.value) ?? .invalid(.string(text))
        case let other?: .invalid(other)
        }
    }

    static func timestamp(_ value: JSONValue?) -> Field<Timestamp> {
        switch value {
        case nil: .absent
        case .null?: .null
        case .string(let text)?:
            text.isBlank ? .null : Timestamp(iso8601: text.trimmingCharacters(in: .whitespacesAndNewlines)).map(Field.value) ?? .invalid(.string(text))
        case let other?: .invalid(other)
        }
    }

    static func stringList(_ value: JSONValue?) -> Field<[String]> {
        switch value {
        case nil: return .absent
        case .null?: return .null
        case .array(let items)?:
            let strings = items.compactMap { item -> String? in
                if case .string(let text) = item { return text }
                return nil
            }
            return strings.count == items.count ? .value(strings) : .invalid(.array(items))
        case let other?: return .invalid(other)
        }
    }
}
