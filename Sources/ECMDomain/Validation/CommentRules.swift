/// The rules of a comment's body, for every store.
public enum CommentRules {
    /// The Rails-style message for a body no store may keep, or nil when it is fine.
    public static func message(for body: String) -> String? {
        if body.isBlank { return ValidationMessage.commentBodyBlank }
        if body.count > ActivityValidator.maximumLongTextLength { return ValidationMessage.commentBodyTooLong }
        return nil
    }
}
