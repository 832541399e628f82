/// A change to a member's record as a request or an imported row says it: the fields named,
/// each with its new value (nil clears it). Read field by field, so that every message is
/// reported at once, Rails-style.
public struct MemberChange: Sendable, Hashable {
    public var values: [MemberField: MemberField.Value?]

    public init(_ values: [MemberField: MemberField.Value?] = [:]) {
        self.values = values
    }

    /// The member fields of a request's `patient` object; other keys are left to the caller.
    /// Throws `.validation` with each field's message, in the table's order.
    public init(json members: [String: JSONValue]) throws(BackendError) {
        var values: [MemberField: MemberField.Value?] = [:]
        var messages: [String] = []
        for field in MemberField.allCases {
            guard let json = members[field.rawValue] else { continue }
            switch field.read(json) {
            case .success(let value): values[field] = .some(value)
            case .failure(let problem): messages.append(problem.message)
            }
        }
        guard messages.isEmpty else { throw .validation(messages) }
        self.values = values
    }

    public var isEmpty: Bool { values.isEmpty }

    /// The record with the change made.
    public func applied(to record: MemberRecord) -> MemberRecord {
        var record = record
        for field in MemberField.allCases {
            guard let value = values[field] else { continue }
            field.set(value, in: &record)
        }
        return record
    }

    /// What a whole record must satisfy across its fields: an enrolment's dates in order, and
    /// what enrolled and discontinued members need recorded. Existence (the lead care manager,
    /// a CIN already taken) is the store's to check.
    public static func messages(for record: MemberRecord) -> [String] {
        var messages: [String] = []
        if let start = record.enrollmentStart, let end = record.enrollmentEnd, end < start {
            messages.append("Enrollment end must be on or after enrollment start")
        }
        if record.ecmStatus == .enrolled || record.ecmStatus == .discontinued, record.enrollmentStart == nil {
            messages.append("Enrollment start can't be blank")
        }
        if record.ecmStatus == .discontinued {
            if record.enrollmentEnd == nil { messages.append("Enrollment end can't be blank") }
            if record.discontinuationReason == nil { messages.append("Discontinuation reason can't be blank") }
        }
        return messages
    }
}

extension MemberRecord: JSONWritable {
    /// Every field, by its key, null when not recorded: how a patient's JSON carries the record.
    public func writeMembers(to writer: inout JSONWriter) {
        for field in MemberField.allCases {
            switch field.value(in: self) {
            case nil: writer.member(dynamic: field.rawValue, JSONValue.null)
            case .text(let text)?: writer.member(dynamic: field.rawValue, text)
            case .date(let date)?: writer.member(dynamic: field.rawValue, date)
            case .bool(let flag)?: writer.member(dynamic: field.rawValue, flag)
            case .integer(let id)?: writer.member(dynamic: field.rawValue, id)
            }
        }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writeMembers(to: &writer) }
    }

    /// The record from a patient's JSON object (what the REST client reads); a value that cannot
    /// be read is left out.
    public init(json members: [String: JSONValue]) {
        self.init()
        for field in MemberField.allCases {
            guard let json = members[field.rawValue], case .success(let value) = field.read(json) else { continue }
            field.set(value, in: &self)
        }
    }
}

extension MemberRecord: Decodable {
    private struct Key: CodingKey {
        let stringValue: String
        init(_ field: MemberField) { stringValue = field.rawValue }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }

    /// The record from the members of a patient's JSON object, which carries it flat.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        self.init()
        for field in MemberField.allCases {
            let key = Key(field)
            let json: JSONValue? =
                switch field.kind {
                case .text, .word, .date: try container.decodeIfPresent(String.self, forKey: key).map(JSONValue.string)
                case .bool: try container.decodeIfPresent(Bool.self, forKey: key).map(JSONValue.bool)
                case .user: try container.decodeIfPresent(Int64.self, forKey: key).map(JSONValue.integer)
                }
            guard let json, case .success(let value) = field.read(json) else { continue }
            field.set(value, in: &self)
        }
    }
}
