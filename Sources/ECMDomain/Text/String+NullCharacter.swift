extension String {
    /// Whether the text holds U+0000, which neither SQLite's C strings nor PostgreSQL text keep.
    public var containsNullCharacter: Bool {
        utf8.contains(0)
    }
}
