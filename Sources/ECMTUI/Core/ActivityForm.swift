import ECMDomain
import Foundation

/// The create/edit form: exactly the fields of the activity's type, required ones marked.
public struct ActivityForm: Sendable, Equatable {
    public enum Mode: Sendable, Equatable {
        case create(patientID: Int64, parentID: Int64?)
        case edit(patientID: Int64, id: Int64, revision: Int64, original: ActivityDraft)
    }

    public struct Row: Sendable, Equatable {
        public var field: ActivityField
        public var input: TextInput
        public var required: Bool
    }

    public var type: ActivityType
    public var mode: Mode
    public var rows: [Row]
    public var focus = 0
    /// The assignee chosen in the picker (its name is shown in the row).
    public var assignee: User?
    public var errors: [ActivityField: [String]] = [:]
    public var generalErrors: [String] = []
    public var submitting = false
    /// Times typed without an offset are wall-clock times in this zone.
    public var timeZone = TimeZone(identifier: "UTC")!
    /// The patient it writes to, for its title (nil when the UI does not have the name).
    public var patientName: String?

    public init(type: ActivityType, mode: Mode, values: [ActivityField: String] = [:], assignee: User?) {
        self.type = type
        self.mode = mode
        self.assignee = assignee
        let required = ActivityField.required(for: type)
        rows = ActivityField.formFields(for: type).map { field in
            Row(
                field: field, input: TextInput(values[field] ?? (field == .assignedToID ? assignee?.name ?? "" : ""), multiline: field.isLongText),
                required: required.contains(field))
        }
    }

    public var focusedRow: Row? { rows.indices.contains(focus) ? rows[focus] : nil }

    /// Whether anything differs from how the form opened.
    public var isDirty: Bool {
        switch mode {
        case .create: rows.contains { !$0.input.isEmpty && $0.field != .assignedToID }
        case .edit(_, _, _, let original): draft(base: original) != original.withoutInvalid
        }
    }

    /// The request this form makes: for a create every filled field; for an edit only changes.
    public func input() -> ActivityInput {
        var input = ActivityInput()
        if case .create(_, let parent) = mode {
            input.activityType = .value(type.rawValue)
            if let parent { input.parentID = .value(parent) }
        }
        let original: ActivityDraft? = if case .edit(_, _, _, let draft) = mode { draft } else { nil }
        for row in rows {
            let text = row.input.text
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            let value: JSONValue?
            switch row.field {
            case .assignedToID:
                value = assignee.map { .integer($0.id) } ?? (trimmed.isEmpty ? nil : .string(trimmed))
            case _ where row.field.kind == .timestamp:
                value = trimmed.isEmpty ? nil : .string(Clock.parse(trimmed, timeZone)?.iso8601 ?? trimmed)
            case _ where row.field.kind == .stringList:
                let urls = trimmed.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " }).map { JSONValue.string(String($0)) }
                value = urls.isEmpty ? nil : .array(urls)
            default:
                value = trimmed.isEmpty ? nil : .string(row.field.kind == .string ? text : trimmed)
            }
            let field = ActivityInput(json: value.map { [row.field.rawValue: $0] } ?? [:])
            if let original {
                // Only what changed; an emptied field is cleared.
                let changed = ActivityDraft(updating: original, with: value == nil ? Self.clearing(row.field) : field)
                if changed != original.withoutInvalid { input.merge(row.field, from: value == nil ? Self.clearing(row.field) : field) }
            } else if value != nil {
                input.merge(row.field, from: field)
            }
        }
        return input
    }

    private func draft(base: ActivityDraft) -> ActivityDraft {
        ActivityDraft(updating: base, with: input())
    }

    private static func clearing(_ field: ActivityField) -> ActivityInput {
        ActivityInput(json: [field.rawValue: .null])
    }

    /// Checks the form as the backend would (required fields, formats) before sending.
    public func localErrors() -> [String] {
        let input = input()
        let draft: ActivityDraft
        switch mode {
        case .create: draft = ActivityDraft(creating: input)
        case .edit(_, _, _, let original): draft = ActivityDraft(updating: original, with: input)
        }
        return ActivityValidator.messages(for: draft)
    }

    /// Puts each message next to the field it names; the rest above the form.
    public mutating func show(_ messages: [String]) {
        errors = [:]
        generalErrors = []
        let fields = rows.map(\.field)
        for message in messages {
            if let field = ActivityField.allCases.filter({ message.hasPrefix($0.humanName + " ") })
                .max(by: { $0.humanName.count < $1.humanName.count }), fields.contains(field)
            {
                errors[field, default: []].append(message)
            } else {
                generalErrors.append(message)
            }
        }
        // The cursor goes to the first field to fix.
        if let first = rows.firstIndex(where: { errors[$0.field] != nil }) { focus = first }
    }
}

extension ActivityField {
    /// Fields edited as several lines.
    public var isLongText: Bool { self == .body || self == .transcript }
    /// Fields holding a time.
    public var isTimestamp: Bool { kind == .timestamp }
}

extension ActivityDraft {
    var withoutInvalid: ActivityDraft {
        var copy = self
        copy.invalidFields = []
        return copy
    }
}

extension ActivityInput {
    /// Copies one field from another input.
    mutating func merge(_ field: ActivityField, from other: ActivityInput) { self[field] = other[field] }
}
