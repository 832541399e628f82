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
        activityType = Self.string(object["activity_type"])
        status = Self.string(object["status"])
        message = Self.string(object["message"])
        subject = Self.string(object["subject"])
        body = Self.string(object["body"])
        emailTo = Self.string(object["email_to"])
        transcript = Self.string(object["transcript"])
        bookedAt = Self.timestamp(object["booked_at"])
        occurredAt = Self.timestamp(object["occurred_at"])
        assignedToID = Self.integer(object["assigned_to_id"])
        voiceCallID = Self.integer(object["voice_call_id"])
        textMessageID = Self.integer(object["text_message_id"])
        parentID = Self.integer(object["parent_id"])
        blockedByID = Self.integer(object["blocked_by_id"])
        blockingID = Self.integer(object["blocking_id"])
        emailAttachments = Self.stringList(object["email_attachments"])
    }

    /// The request body for this input: only the present fields, nulls kept.
    public func requestJSON() -> JSONValue {
        var object: [String: JSONValue] = [:]
        func put<T>(_ key: ActivityField, _ field: Field<T>, _ wrap: (T) -> JSONValue) {
            switch field {
            case .absent: break
            case .invalid(let raw): object[key.rawValue] = raw
            case .null: object[key.rawValue] = .null
            case .value(let value): object[key.rawValue] = wrap(value)
            }
        }
        put(.activityType, activityType, JSONValue.string)
        put(.status, status, JSONValue.string)
        put(.message, message, JSONValue.string)
        put(.subject, subject, JSONValue.string)
        put(.body, body, JSONValue.string)
        put(.emailTo, emailTo, JSONValue.string)
        put(.transcript, transcript, JSONValue.string)
        put(.bookedAt, bookedAt) { .string($0.iso8601) }
        put(.occurredAt, occurredAt) { .string($0.iso8601) }
        put(.assignedToID, assignedToID, JSONValue.integer)
        put(.voiceCallID, voiceCallID, JSONValue.integer)
        put(.textMessageID, textMessageID, JSONValue.integer)
        put(.parentID, parentID, JSONValue.integer)
        put(.blockedByID, blockedByID, JSONValue.integer)
        put(.blockingID, blockingID, JSONValue.integer)
        put(.emailAttachments, emailAttachments) { .array($0.map(JSONValue.string)) }
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
