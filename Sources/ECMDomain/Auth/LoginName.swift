/// Sign-in names: compared without case, kept as typed lowercase; 1 to 64 of `a-z 0-9 . _ @ -`.
public enum LoginName {
    /// The form a login is stored and looked up in.
    public static func normalized(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }

    public static func isValid(_ login: String) -> Bool {
        (1...64).contains(login.utf8.count)
            && login.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || [0x2E, 0x5F, 0x40, 0x2D].contains($0) }
    }

    public static let invalidMessage = "Login must be 1 to 64 of a-z, 0-9, '.', '_', '@' and '-'"
    public static let takenMessage = "Login has already been taken"
}
