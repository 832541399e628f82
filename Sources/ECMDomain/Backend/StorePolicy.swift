/// What whoever runs a store or a server decides for everyone who uses it (an extension: `GET
/// /v1/clinic/policy`, `ecm-server policy`, `ecm policy`).
public struct StorePolicy: Sendable, Hashable {
    /// Whether `ecm --idle-lock 0` may turn the UI's automatic logoff off (HIPAA calls it
    /// "addressable": an operator may decide a terminal is safe without it). Off by default.
    public var idleLockOptional: Bool

    public init(idleLockOptional: Bool = false) {
        self.idleLockOptional = idleLockOptional
    }

    /// What `ecm --idle-lock 0` is told where the policy does not allow it.
    public static let idleLockRequiredMessage =
        "automatic logoff cannot be turned off here (HIPAA 45 CFR 164.312(a)(2)(iii)); whoever runs the store can allow it with `ecm-server policy --idle-lock-optional yes` (a local store: `ecm policy --idle-lock-optional yes`)"
}

extension StorePolicy: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("idle_lock_optional", idleLockOptional) }
    }
}

extension StorePolicy: Decodable {
    enum CodingKeys: String, CodingKey { case idleLockOptional = "idle_lock_optional" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(idleLockOptional: try container.decode(Bool.self, forKey: .idleLockOptional))
    }
}

/// `{"policy": {...}}`.
public struct PolicyBody: JSONWritable, Sendable, Decodable {
    public let policy: StorePolicy
    public init(_ policy: StorePolicy) { self.policy = policy }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("policy", policy) }
    }
}

extension StorePolicy {
    /// A switch as the commands take it: yes/no, true/false, on/off.
    public static func switchValue(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "on": true
        case "no", "false", "off": false
        default: nil
        }
    }

    /// How the commands print it.
    public var lines: [String] { ["idle lock optional: \(idleLockOptional ? "yes" : "no")"] }
}
