import Foundation

/// The SQL both stores keep saved views with (`?` placeholders; PostgreSQL numbers them). A view
/// belongs to a user; a shared one is seen by everyone in that user's clinic.
public enum SavedViewSQL {
    static let columns = "v.id, v.name, v.filters, v.shared, v.user_id, u.name"
    static let visible = "(v.user_id = ? OR (v.shared <> 0 AND u.clinic_id = ?))"

    /// Arguments: user, clinic, limit, offset.
    public static let page = """
        SELECT \(columns) FROM saved_views v JOIN users u ON u.id = v.user_id
        WHERE \(visible) ORDER BY v.name, v.id LIMIT ? OFFSET ?
        """
    /// Arguments: user, clinic.
    public static let count = "SELECT COUNT(*) FROM saved_views v JOIN users u ON u.id = v.user_id WHERE \(visible)"
    /// Arguments: id, user, clinic.
    public static let one = "SELECT \(columns) FROM saved_views v JOIN users u ON u.id = v.user_id WHERE v.id = ? AND \(visible)"
    /// Arguments: user, name, the view's own id (0 for a new one).
    public static let nameTaken = "SELECT 1 FROM saved_views WHERE user_id = ? AND name = ? AND id <> ?"
    /// Arguments: user, name, filters, shared (1 or 0: an integer in both stores, so copies move it
    /// as it is), created, updated.
    public static let insert = """
        INSERT INTO saved_views (user_id, name, filters, shared, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id
        """
    /// Arguments: name, filters, shared, updated, id.
    public static let update = "UPDATE saved_views SET name = ?, filters = ?, shared = ?, updated_at = ? WHERE id = ?"
    public static let delete = "DELETE FROM saved_views WHERE id = ?"
    /// Whether a user (arguments: id, clinic) or a patient is the clinic's: what filters may name.
    public static let userInClinic = "SELECT 1 FROM users WHERE id = ? AND clinic_id = ?"
    public static let patientInClinic = "SELECT 1 FROM patients WHERE id = ? AND clinic_id = ?"

    /// A change applied to the view it changes (nil: a new one), the name trimmed, with the
    /// messages of what cannot be saved (the references are checked by the store).
    public static func merged(
        _ change: ViewChange, into existing: SavedView?
    ) -> (name: String, filters: ViewFilters, shared: Bool, messages: [String]) {
        let name = (change.name ?? existing?.name ?? "").trimmingCharacters(in: .whitespaces)
        var messages: [String] = []
        if let problem = ViewChange.nameProblem(name) { messages.append(problem) }
        return (name, change.filters ?? existing?.filters ?? ViewFilters(), change.shared ?? existing?.shared ?? false, messages)
    }
}
