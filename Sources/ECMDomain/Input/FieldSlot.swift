/// A field's value in one shape, for the code that treats every field alike (reading a request,
/// writing one, merging an update, binding a store's columns, filling a form).
public enum FieldValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case timestamp(Timestamp)
    case strings([String])

    /// As the API writes it.
    public var json: JSONValue {
        switch self {
        case .string(let text): .string(text)
        case .integer(let number): .integer(number)
        case .timestamp(let time): .string(time.iso8601)
        case .strings(let list): .array(list.map(JSONValue.string))
        }
    }

    /// Whether it holds something: a blank string or an empty list holds nothing.
    public var hasContent: Bool {
        switch self {
        case .string(let text): !text.isBlank
        case .integer, .timestamp: true
        case .strings(let list): !list.isEmpty
        }
    }

    /// What a store's column holds: text, an integer, milliseconds, a list as JSON text
    /// (`StoredColumns`); nil for an empty list.
    public var stored: StoredScalar? {
        switch self {
        case .string(let text): .text(text)
        case .integer(let number): .integer(number)
        case .timestamp(let time): .integer(time.milliseconds)
        case .strings(let list): StoredColumns.attachments(list).map(StoredScalar.text)
        }
    }
}

/// A column value as both stores bind it.
public enum StoredScalar: Sendable, Hashable {
    case text(String)
    case integer(Int64)
}

/// Where one field lives in each shape that carries it: the request (`ActivityInput`), the
/// activity as validation judges it (`ActivityDraft`) and the stored activity (`ActivityDetail`),
/// with how its JSON is read. Made once per field, from key paths, by `ActivityField.slot`.
public struct FieldSlot: Sendable {
    public let read: @Sendable (ActivityInput) -> Field<FieldValue>
    public let write: @Sendable (inout ActivityInput, Field<FieldValue>) -> Void
    public let readDraft: @Sendable (ActivityDraft) -> FieldValue?
    public let writeDraft: @Sendable (inout ActivityDraft, FieldValue?) -> Void
    public let readDetail: @Sendable (ActivityDetail) -> FieldValue?
    /// The request's JSON value read as this field: absent, null, a value, or invalid.
    public let decode: @Sendable (JSONValue?) -> Field<FieldValue>

    init<Value: Sendable & Hashable>(
        _ input: WritableKeyPath<ActivityInput, Field<Value>> & Sendable,
        _ draft: WritableKeyPath<ActivityDraft, Value?> & Sendable,
        detail: @escaping @Sendable (ActivityDetail) -> Value?,
        wrap: @escaping @Sendable (Value) -> FieldValue,
        unwrap: @escaping @Sendable (FieldValue) -> Value?,
        decode: @escaping @Sendable (JSONValue?) -> Field<Value>
    ) {
        @Sendable func erase(_ field: Field<Value>) -> Field<FieldValue> {
            switch field {
            case .absent: .absent
            case .null: .null
            case .invalid(let raw): .invalid(raw)
            case .value(let value): .value(wrap(value))
            }
        }
        @Sendable func restore(_ field: Field<FieldValue>) -> Field<Value> {
            switch field {
            case .absent: .absent
            case .null: .null
            case .invalid(let raw): .invalid(raw)
            case .value(let value): unwrap(value).map(Field.value) ?? .invalid(value.json)
            }
        }
        read = { erase($0[keyPath: input]) }
        write = { $0[keyPath: input] = restore($1) }
        readDraft = { $0[keyPath: draft].map(wrap) }
        writeDraft = { $0[keyPath: draft] = $1.flatMap(unwrap) }
        readDetail = { detail($0).map(wrap) }
        self.decode = { erase(decode($0)) }
    }

    static func string(
        _ input: WritableKeyPath<ActivityInput, Field<String>> & Sendable, _ draft: WritableKeyPath<ActivityDraft, String?> & Sendable,
        detail: @escaping @Sendable (ActivityDetail) -> String?
    ) -> FieldSlot {
        FieldSlot(input, draft, detail: detail, wrap: FieldValue.string, unwrap: { if case .string(let v) = $0 { v } else { nil } }, decode: ActivityInput.string)
    }

    static func integer(
        _ input: WritableKeyPath<ActivityInput, Field<Int64>> & Sendable, _ draft: WritableKeyPath<ActivityDraft, Int64?> & Sendable,
        detail: @escaping @Sendable (ActivityDetail) -> Int64?
    ) -> FieldSlot {
        FieldSlot(input, draft, detail: detail, wrap: FieldValue.integer, unwrap: { if case .integer(let v) = $0 { v } else { nil } }, decode: ActivityInput.integer)
    }

    static func timestamp(
        _ input: WritableKeyPath<ActivityInput, Field<Timestamp>> & Sendable, _ draft: WritableKeyPath<ActivityDraft, Timestamp?> & Sendable,
        detail: @escaping @Sendable (ActivityDetail) -> Timestamp?
    ) -> FieldSlot {
        FieldSlot(input, draft, detail: detail, wrap: FieldValue.timestamp, unwrap: { if case .timestamp(let v) = $0 { v } else { nil } }, decode: ActivityInput.timestamp)
    }

    static func strings(
        _ input: WritableKeyPath<ActivityInput, Field<[String]>> & Sendable, _ draft: WritableKeyPath<ActivityDraft, [String]?> & Sendable,
        detail: @escaping @Sendable (ActivityDetail) -> [String]?
    ) -> FieldSlot {
        FieldSlot(input, draft, detail: detail, wrap: FieldValue.strings, unwrap: { if case .strings(let v) = $0 { v } else { nil } }, decode: ActivityInput.stringList)
    }
}

extension StoredScalar {
    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
}

extension ActivityField {
    /// Whether the store's column holds an integer (ids, and times as milliseconds) rather than text.
    public var storedAsInteger: Bool { kind == .integer || kind == .timestamp }
}

extension StoredColumns {
    /// The columns of an activity's writable fields, in `ActivityField` order: what both stores'
    /// INSERT and UPDATE write, from `activityFieldValues`.
    public static let activityFieldColumns: [String] = ActivityField.allCases.map(\.column)

    /// A draft's value for each of `activityFieldColumns`; a draft without `occurred_at` is
    /// stored at `occurredAt` (now for a create, as it was for an update).
    public static func activityFieldValues(_ draft: ActivityDraft, occurredAt: Timestamp) -> [(field: ActivityField, value: StoredScalar?)] {
        ActivityField.allCases.map { field in
            (field, field == .occurredAt ? .integer((draft.occurredAt ?? occurredAt).milliseconds) : draft[field]?.stored)
        }
    }
}
