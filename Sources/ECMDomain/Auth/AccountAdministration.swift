/// What an administrator sets on an account through `/v1/admin/users` (an extension); nil keeps
/// what is there. The password arrives hashed (`PasswordHash`): a store never sees it in clear.
public struct AccountChange: Sendable, Equatable {
    public var name: String?
    public var login: String?
    public var role: Role?
    public var disabled: Bool?
    public var passwordHash: String?

    public init(name: String? = nil, login: String? = nil, role: Role? = nil, disabled: Bool? = nil, passwordHash: String? = nil) {
        self.name = name
        self.login = login
        self.role = role
        self.disabled = disabled
        self.passwordHash = passwordHash
    }
}

/// An administrator's request body, `{"user": {"name", "login", "role", "disabled", "password"}}`,
/// checked as the API answers: every message at once, Rails-style.
public struct AccountRequest: Sendable, Equatable {
    public var change: AccountChange
    /// The new password in clear, to be hashed by the caller (never kept here or logged).
    public var password: String?

    public static let blankNameMessage = "Name can't be blank"
    public static let roleMessage = "Role is not included in the list"
    public static let disabledMessage = "Disabled must be true or false"
    public static let ownAccountMessage = "You can't disable your own account or take away your own admin role"

    /// Reads the body; `creating` requires a name. Throws `.badRequest` without a `user` object
    /// and `.validation` with each field's message.
    public init(_ body: JSONValue, creating: Bool) throws(BackendError) {
        guard case .object(let root) = body, case .object(let fields)? = root["user"] else {
            throw .badRequest("param is missing or the value is empty: user")
        }
        var messages: [String] = []
        var change = AccountChange()
        func text(_ key: String, _ message: String) -> String? {
            switch fields[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            default: messages.append(message); return nil
            }
        }
        change.name = text("name", Self.blankNameMessage)
        if let name = change.name {
            if name.isBlank { messages.append(Self.blankNameMessage) } else { change.name = name.trimmingCharacters(in: .whitespaces) }
        } else if creating, !messages.contains(Self.blankNameMessage) {
            messages.append(Self.blankNameMessage)
        }
        if let login = text("login", LoginName.invalidMessage) {
            let normalized = LoginName.normalized(login)
            if LoginName.isValid(normalized) { change.login = normalized } else { messages.append(LoginName.invalidMessage) }
        }
        if let role = text("role", Self.roleMessage) {
            if let known = Role(rawValue: role) { change.role = known } else { messages.append(Self.roleMessage) }
        }
        switch fields["disabled"] {
        case nil, .null?: break
        case .bool(let value)?: change.disabled = value
        default: messages.append(Self.disabledMessage)
        }
        password = text("password", PasswordRules.tooShortMessage)
        if let password { messages += PasswordRules.messages(for: password) }
        guard messages.isEmpty else { throw .validation(messages) }
        self.change = change
    }
}

/// What a password must be: 12 characters or more, at most 1,024 bytes (longer is refused as a
/// denial of service: the hash's work grows with it).
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumBytes = 1024
    public static let tooShortMessage = "Password is too short (minimum is 12 characters)"
    public static let tooLongMessage = "Password is too long (maximum is 1024 bytes)"

    public static func messages(for password: String) -> [String] {
        if password.count < minimumLength { return [tooShortMessage] }
        if password.utf8.count > maximumBytes { return [tooLongMessage] }
        return []
    }
}

/// Accounts as a clinic's administrator manages them (the SQLite and PostgreSQL stores). Each
/// change is made with its audit row in one transaction; another clinic's user is
/// `.userNotFound`, exactly as if it did not exist.
public protocol AccountAdministration: Sendable {
    /// The clinic's users with their sign-in state, by name, a page at a time.
    func accounts(clinicID: Int64, page: PageRequest) async throws(BackendError) -> Page<UserTokens>
    /// One of the clinic's users.
    func account(id: Int64, clinicID: Int64) async throws(BackendError) -> UserTokens
    /// Adds a user to the clinic (`change.name` is required); `audit`'s row names the new id.
    func createAccount(clinicID: Int64, _ change: AccountChange, audit: AuditEntry) async throws(BackendError) -> UserTokens
    /// Changes one of the clinic's users. Disabling ends every token and session; a new
    /// password ends the sessions; enabling lets them sign in again (old tokens stay revoked).
    func updateAccount(id: Int64, clinicID: Int64, _ change: AccountChange, audit: AuditEntry) async throws(BackendError) -> UserTokens
}

extension UserTokens: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("id", user.id)
            writer.member("name", user.name)
            writer.member("login", login)
            writer.member("role", role)
            writer.member("clinic_id", user.clinicID)
            writer.member("disabled", disabled)
            writer.member("active_tokens", activeTokens)
        }
    }
}

/// `{"user": {…}}`.
public struct AccountBody: JSONWritable, Sendable {
    public let account: UserTokens
    public init(_ account: UserTokens) { self.account = account }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in writer.member("user", account) }
    }
}

/// `{"users": [...], "pagination": {...}}`.
public struct AccountsBody: JSONWritable, Sendable {
    public let page: Page<UserTokens>
    public init(_ page: Page<UserTokens>) { self.page = page }
    public func writeJSON(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.member("users", page.items)
            writer.member("pagination", page.pagination)
        }
    }
}
